import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { apiToken } from './api.helpers';
import { expectAccessible } from './axe.helpers';
import { signIn, signOut } from './session.helpers';
import { OPEN_DROPDOWN } from './dropdown.helpers';

// The admin screens, each through its main action: a user created and signed in as, a
// department with a head, a role with a member, a holiday, and the audit rows of all of it.

const run = Date.now().toString(36).slice(-5);
const username = `hire${run}`;
const deptName = `Field Ops ${run}`;
const roleKey = `field_${run}`;

/** Picks the visible dropdown option whose text contains `text`. */
async function pickOption(page: Page, text: string): Promise<void> {
  await page
    .locator(OPEN_DROPDOWN)
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text })
    .first()
    .click();
}

async function signInWith(page: Page, user: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

// One signed-in page walks through every screen; each step is a test of its own.
let context: BrowserContext;
let page: Page;
let oneTime = '';
const year = new Date().getFullYear() + 1;
const shot = (name: string) => join(test.info().project.outputDir, `${name}.png`);

test.beforeAll(async ({ browser }) => {
  // Its own context (axe needs one made with newContext).
  context = await browser.newContext();
  page = await context.newPage();
});

test.afterAll(async () => {
  await context.close();
});

test('Users: create one with a department and a role', async () => {
  await signIn(page, 'admin');
  await page.getByTestId('nav-users').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'manager1', exact: true })).toBeVisible();
  await expectAccessible(page, 'users page');
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByTestId('user-form');
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Name', { exact: true }).fill(`Hire ${run}`);
  await form.getByLabel('Password').fill('first-password-1');
  await form.getByLabel('Department').click();
  await pickOption(page, 'Sales');
  await form.getByLabel('Roles').click();
  await pickOption(page, 'sales_rep');
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'new user dialog');
  await page.screenshot({ path: shot('admin-users-create'), fullPage: true });
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByText(`User ${username} created.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('Sales');
  await expect(row).toContainText('Active');
});

test('Users: a taken username is refused with the server’s code', async () => {
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByTestId('user-form');
  await form.getByLabel('Username').fill(username.toUpperCase());
  await form.getByLabel('Name', { exact: true }).fill('Twin');
  await form.getByLabel('Password').fill('first-password-1');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const error = page.getByTestId('user-form-error');
  await expect(error).toContainText('That username is taken');
  await expect(error).toContainText('username_taken');
  await page.screenshot({ path: shot('admin-users-taken'), fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('Users: a CSV with bad rows says which row and column', async () => {
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await page
    .getByTestId('import-csv')
    .fill(
      [
        'username,displayName,password,department,roles',
        `csv${run},Csv One,long-enough-1,,sales_rep`,
        `csv${run}b,Csv Two,short,Nowhere,ghost`,
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('3 problems; nothing was imported');
  await expect(problems.getByRole('row', { name: /password/ })).toContainText('3');
  await expect(problems.getByRole('row', { name: /department/ })).toContainText('Nowhere');
  await expectAccessible(page, 'import dialog');
  await page.screenshot({ path: shot('admin-users-import-report'), fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('Users: reset the password to a one-time one, then sign in as them', async () => {
  await page
    .getByRole('row', { name: new RegExp(username) })
    .getByRole('button', { name: 'Reset password' })
    .click();
  await expect(page.getByLabel('Generate a one-time password')).toBeChecked();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('password-reset-done')).toContainText('The password was reset.');
  oneTime = (await page.getByTestId('one-time-password').innerText()).trim();
  expect(oneTime).toMatch(/^[A-Za-z0-9]{14}$/);
  await page.screenshot({ path: shot('admin-users-one-time-password'), fullPage: true });
  await page.getByRole('button', { name: 'Done' }).click();
  await signOut(page);
  await signInWith(page, username, oneTime);
  await expect(page.getByTestId('current-user')).toContainText(`Hire ${run}`);
  // Not an administrator: no admin menu.
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await signOut(page);
  await signIn(page, 'admin');
});

test('Departments: create one under Headquarters and set its head', async ({ request }) => {
  await page.getByTestId('nav-departments').click();
  await expect(page.getByRole('heading', { name: 'Departments' })).toBeVisible();
  await expect(page.getByTestId('department-tree')).toContainText('Sales');
  await page.getByRole('button', { name: 'New department' }).click();
  const form = page.getByTestId('department-create-form');
  await form.getByLabel('Name').fill(deptName);
  await form.getByLabel('Parent department').click();
  await pickOption(page, 'Headquarters');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByText(`Department ${deptName} created.`)).toBeVisible();
  await expect(page.getByTestId(`dept-node-${deptName}`)).toBeVisible();
  const panel = page.getByTestId('department-panel');
  await expect(panel.getByRole('heading', { name: deptName })).toBeVisible();
  await panel.getByLabel('Head').click();
  await page.keyboard.type('manager1');
  await pickOption(page, 'manager1');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.').first()).toBeVisible();
  // Add the new user as a member.
  await page.getByTestId('department-add-member').click();
  await page.keyboard.type(username);
  await pickOption(page, username);
  await page.getByRole('button', { name: 'Add to department' }).click();
  await expect(page.getByTestId('department-members')).toContainText(username);
  await expectAccessible(page, 'departments page');
  await page.screenshot({ path: shot('admin-departments'), fullPage: true });
  const token = await apiToken(request, 'admin');
  const depts = (await (
    await request.get('/api/admin/departments', { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { name: string; headUserId: string | null; memberCount: number }[];
  const created = depts.find((d) => d.name === deptName);
  expect(created?.headUserId).toBeTruthy();
  expect(created?.memberCount).toBe(1);
});

test('Departments: the parent picker offers nothing at or below the department itself', async ({
  request,
}) => {
  // A move below itself cannot be chosen at all (the API's department_cycle answer for a
  // client that tries anyway is tested in engine/test/identity-admin.test.ts).
  const panel = page.getByTestId('department-panel');
  await page.getByTestId('dept-node-总部 Headquarters').click();
  await panel.getByLabel('Parent department').click();
  const dropdown = page.locator(OPEN_DROPDOWN);
  const treenode = (name: string) =>
    dropdown.locator('.ant-select-tree-treenode', { hasText: name }).last();
  await expect(treenode(deptName)).toHaveClass(/ant-select-tree-treenode-disabled/);
  await expect(treenode('总部 Headquarters').first()).toHaveClass(
    /ant-select-tree-treenode-disabled/,
  );
  await treenode(deptName).click({ force: true });
  await page.keyboard.press('Escape');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('department-error')).toHaveCount(0);
  const token = await apiToken(request, 'admin');
  const depts = (await (
    await request.get('/api/admin/departments', { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { name: string; parentId: string | null }[];
  expect(depts.find((d) => d.name === '总部 Headquarters')?.parentId).toBeNull();
});

test('Roles: create one and give it to the new user', async () => {
  await page.getByTestId('nav-roles').click();
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await page.getByRole('button', { name: 'New role' }).click();
  const form = page.getByTestId('role-form');
  await form.getByLabel('Key').fill(roleKey);
  await form.getByLabel('Name (Chinese)').fill(`外勤 ${run}`);
  await form.getByLabel('Name (English)').fill(`Field agent ${run}`);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByText(`Role ${roleKey} created.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(roleKey) });
  await row.getByRole('button', { name: 'Members' }).click();
  const drawer = page.getByTestId('role-members');
  await expect(drawer).toContainText('Nobody holds this role.');
  await page.getByTestId('role-add-member').click();
  await page.keyboard.type(username);
  await pickOption(page, username);
  await drawer.getByRole('button', { name: 'Give the role' }).click();
  await expect(drawer.getByRole('cell', { name: username, exact: true })).toBeVisible();
  await expectAccessible(page, 'role members');
  await page.screenshot({ path: shot('admin-roles-members'), fullPage: true });
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(row.getByRole('cell', { name: '1', exact: true })).toBeVisible();
});

test('Calendar: add the National Day holidays and save', async ({ request }) => {
  await page.getByTestId('nav-calendar').click();
  await expect(page.getByRole('heading', { name: 'Business calendar' })).toBeVisible();
  await page.getByTestId('calendar-year').getByText(String(year), { exact: true }).click();
  const holiday = page.getByTestId('calendar-add-holiday');
  await holiday.locator('input').first().click();
  await holiday.locator('input').first().fill(`${year}-10-01`);
  await holiday.locator('input').nth(1).click();
  await holiday.locator('input').nth(1).fill(`${year}-10-03`);
  await page.keyboard.press('Enter');
  const holidays = page.getByTestId('calendar-holidays');
  await expect(holidays.locator(`[data-day="${year}-10-01"]`)).toBeVisible();
  await expect(holidays.locator(`[data-day="${year}-10-03"]`)).toBeVisible();
  await expect(page.getByText('Not saved yet')).toBeVisible();
  await page.getByTestId('calendar-save').click();
  await expect(page.getByText('The calendar was saved; new deadlines use it.')).toBeVisible();
  await expectAccessible(page, 'calendar page');
  await page.screenshot({ path: shot('admin-calendar'), fullPage: true });
  const token = await apiToken(request, 'admin');
  const calendar = (await (
    await request.get('/api/calendar', { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { holidays: string[] };
  expect(calendar.holidays).toEqual(
    expect.arrayContaining([`${year}-10-01`, `${year}-10-02`, `${year}-10-03`]),
  );
});

test('Calendar: a day both off and worked is refused with the day named', async () => {
  const makeup = page.getByTestId('calendar-add-makeup');
  await makeup.locator('input').click();
  await makeup.locator('input').fill(`${year}-10-02`);
  await page.keyboard.press('Enter');
  await expect(
    page.getByTestId('calendar-makeup').locator(`[data-day="${year}-10-02"]`),
  ).toBeVisible();
  await page.getByTestId('calendar-save').click();
  const error = page.getByTestId('calendar-error');
  await expect(error).toContainText('validation_failed');
  await expect(error).toContainText(`Holidays ${year}-10-02: is also a make-up work day`);
  await page.screenshot({ path: shot('admin-calendar-refused'), fullPage: true });
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(
    page.getByTestId('calendar-makeup').locator(`[data-day="${year}-10-02"]`),
  ).toHaveCount(0);
});

test('Audit log: the rows of those actions, with before and after', async () => {
  await page.getByTestId('nav-audit').click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expectAccessible(page, 'audit page');
  const filters = page.getByTestId('audit-filters');
  const table = page.getByTestId('audit-table');
  // The table keeps the old rows while the new filter loads: wait for it to settle.
  const settled = () => expect(table.locator('.ant-spin-spinning')).toHaveCount(0);

  await filters.getByLabel('Action').fill('department.*');
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/action=department\.\*/);
  await settled();
  const update = table.getByRole('row', { name: /department\.update/ }).first();
  await expect(update).toBeVisible();
  await expect(table.getByRole('row', { name: /department\.create/ }).first()).toBeVisible();
  await update.getByRole('button', { name: 'Details' }).click();
  const drawer = page.getByTestId('audit-detail');
  await expect(drawer.getByTestId('audit-diff')).toContainText('/headUserId');
  await expect(drawer).toContainText(deptName);
  await expectAccessible(page, 'audit detail');
  await page.screenshot({ path: shot('admin-audit-department'), fullPage: true });
  await drawer.getByRole('button', { name: 'All rows of this entity' }).click();
  await expect(page).toHaveURL(/entityType=department&entityId=/);
  await settled();
  await expect(table.getByRole('row', { name: /department\.create/ })).toHaveCount(1);

  await filters.getByRole('button', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await settled();
  await filters.getByLabel('Entity type').fill('user');
  await filters.getByLabel('Action').fill('user.password_reset');
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/entityType=user&action=user\.password_reset/);
  await settled();
  const reset = table.getByRole('row', { name: /user\.password_reset/ }).first();
  await reset.getByRole('button', { name: 'Details' }).click();
  await expect(drawer).toContainText(username);
  await expect(drawer).toContainText('[redacted]');
  await expect(drawer).not.toContainText(oneTime);
  await drawer.getByRole('button', { name: 'Close' }).click();

  await filters.getByRole('button', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await settled();
  await expect(filters.getByLabel('Entity type')).toHaveValue('');
  await filters.getByLabel('Action').fill('role.create');
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\?action=role\.create$/);
  await settled();
  await table
    .getByRole('row', { name: /role\.create/ })
    .first()
    .getByRole('button', { name: 'Details' })
    .click();
  await expect(drawer).toContainText(roleKey);
  await drawer.getByRole('button', { name: 'Close' }).click();

  await filters.getByRole('button', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await settled();
  await filters.getByLabel('Action').fill('calendar.update');
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\?action=calendar\.update$/);
  await settled();
  await table
    .getByRole('row', { name: /calendar\.update/ })
    .first()
    .getByRole('button', { name: 'Details' })
    .click();
  await expect(drawer.getByTestId('audit-diff')).toContainText(`"${year}-10-01"`);
  await page.screenshot({ path: shot('admin-audit-calendar'), fullPage: true });
  await drawer.getByRole('button', { name: 'Close' }).click();

  // A bad filter is said plainly, with the code.
  await filters.getByLabel('Action').fill('Not An Action');
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('audit-error')).toContainText('invalid_filter');
  await expect(page.getByTestId('audit-error')).toContainText('A filter is not valid');
});

test('in Chinese', async () => {
  await page.getByText('中文', { exact: true }).click();
  await page.getByTestId('nav-users').click();
  await expect(page.getByRole('heading', { name: '用户' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建用户' })).toBeVisible();
  await page.getByTestId('nav-audit').click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await page.screenshot({ path: shot('admin-audit-zh'), fullPage: true });
  await page.getByText('EN', { exact: true }).click();
});
