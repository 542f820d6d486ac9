import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { submitQuote } from './api.helpers';
import { expectAccessible } from './axe.helpers';
import { signIn, signOut } from './session.helpers';
import { OPEN_DROPDOWN } from './dropdown.helpers';

const run = Date.now().toString(36);

/** Opens an antd select by its label and picks the option showing exactly `text`. */
async function pick(page: Page, scope: Locator, label: string, text: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  // Long lists are virtual (only what is in view exists): searchable ones narrow down.
  if (await scope.getByLabel(label, { exact: true }).isEditable()) await page.keyboard.type(text);
  await page
    .locator(`${OPEN_DROPDOWN} .ant-select-item-option`)
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')}$`) })
    .click();
}

test('a manager approves two quotes at once from the inbox', async ({
  page,
  request,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const first = `Batch North ${run}`;
  const second = `Batch South ${run}`;
  await submitQuote(request, 'rep1', first, 15);
  await submitQuote(request, 'rep2', second, 12);

  await signIn(page, 'manager1');
  const todo = page.getByTestId('task-list-todo');
  await expect(todo.getByRole('link', { name: new RegExp(first) })).toBeVisible();
  const before = Number(await page.getByTestId('count-todo').locator('.count-value').innerText());
  await page.getByRole('checkbox', { name: `Select ${first}` }).check();
  await page.getByRole('checkbox', { name: `Select ${second}` }).check();
  await expect(page.getByTestId('batch-bar')).toContainText('2 selected');
  await page.screenshot({ path: shot('inbox-batch-selected'), fullPage: true });

  await page.getByRole('button', { name: 'Approve selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve 2 tasks?' });
  await dialog.getByLabel('Comment for every selected task (optional)').fill('Approved in one go.');
  await dialog.getByRole('button', { name: 'Approve selected' }).click();

  const results = page.getByTestId('batch-results');
  await expect(results).toContainText(`${first}: Done`);
  await expect(results).toContainText(`${second}: Done`);
  await expect(page.getByText('2 of 2 done')).toBeVisible();
  await expect(todo.getByRole('link', { name: new RegExp(first) })).toHaveCount(0);
  await expect(page.getByTestId('count-todo').locator('.count-value')).toHaveText(
    String(before - 2),
  );
  await page.screenshot({ path: shot('inbox-batch-done'), fullPage: true });

  // The decision is on the record: approved, with the comment in its timeline.
  await page.getByTestId('count-done').click();
  await page
    .getByTestId('task-list-done')
    .getByRole('link', { name: new RegExp(first) })
    .click();
  await expect(page.getByTestId('record-status')).toHaveAttribute('data-value', 'approved');
  await expect(page.getByTestId('record-timeline')).toContainText('Approved in one go.');
});

test('the quotes dashboard changes after a new record', async ({ page, request }, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  await signIn(page, 'rep1');
  await page.getByTestId('nav-dashboards').click();
  await expect(page).toHaveURL(/\/dashboards\/[0-9a-f-]{36}$/);
  const count = page.getByTestId('chart-value-quote_count');
  await expect(count).not.toBeEmpty();
  const before = Number((await count.innerText()).replace(/,/g, ''));
  await expect(page.getByTestId('chart-table-quotes_by_status')).toContainText('Pending');
  await expect(page.getByTestId('chart-quotes_by_status').locator('canvas')).toBeVisible();
  await page.screenshot({ path: shot('dashboard-before'), fullPage: true });

  await submitQuote(request, 'rep1', `Dashboard Effect ${run}`, 25);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(count).toHaveText(String(before + 1));
  await page.screenshot({ path: shot('dashboard-after'), fullPage: true });
});

test('an administrator edits a chart with a live preview and saves the dashboard', async ({
  page,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  await signIn(page, 'admin');
  await page.getByTestId('nav-dashboards').click();
  await page.getByRole('button', { name: 'New dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'New dashboard' })).toBeVisible();
  const editor = page.getByTestId('chart-editor');
  await editor.getByLabel('Title (English)').fill('Quoted amount by status');
  await editor.getByLabel('Title (Chinese)').fill('各状态报价金额');

  // The CRM app has eleven forms; the editor starts on the first (campaigns).
  await pick(page, editor, 'Form', 'Quote');
  await pick(page, editor, 'Group by', 'Status');
  await pick(page, editor, 'Measure', 'Sum of');
  await pick(page, editor, 'Number field', 'Total');
  await editor.getByRole('button', { name: 'Add filter' }).click();
  await pick(page, editor, 'Field', 'Quote discount %');
  await pick(page, editor, 'Condition', 'at least');
  await editor.getByLabel('Value', { exact: true }).fill('10');

  const preview = page.getByTestId('editor-preview');
  await expect(preview.getByTestId('chart-table-chart_1')).toContainText('Pending');
  await expect(preview.locator('canvas')).toBeVisible();
  await page.screenshot({ path: shot('dashboard-editor'), fullPage: true });

  await page.getByTestId('editor-save').click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page).toHaveURL(/\/dashboards\/[0-9a-f-]{36}\/edit$/);
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.getByTestId('chart-chart_1')).toContainText('Quoted amount by status');
  await expect(page.getByTestId('chart-table-chart_1')).toContainText('Pending');
});

test('an administrator previews the CRM template in the gallery', async ({ page }, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  await signIn(page, 'admin');
  await page.getByTestId('nav-templates').click();
  const card = page.getByTestId('template-crm');
  await expect(card).toContainText('CRM');
  await expect(card.getByTestId('template-installed-crm')).toBeVisible();
  await page.screenshot({ path: shot('template-gallery'), fullPage: true });
  await card.getByRole('button', { name: 'Preview' }).click();
  // One tab per form, campaigns first.
  await page.getByRole('tab', { name: 'Quote', exact: true }).click();
  await expect(page.getByTestId('template-fields-quote')).toContainText('Reason for the discount');
  await expect(page.getByTestId('template-fields-quote')).toContainText('shown when');
  const flow = page.getByTestId('template-flow-quote');
  await expect(flow.getByTestId('flow-node-manager_approval')).toBeVisible();
  await page.getByRole('tab', { name: 'Contract' }).click();
  await expect(
    page.getByTestId('template-flow-contract').getByTestId('flow-node-legal_review'),
  ).toBeVisible();
  await expect(page.getByText('Quotes and approvals')).toBeVisible();
  await page.screenshot({ path: shot('template-preview'), fullPage: true });
});

test('the language is kept per user on the server', async ({ page, context }) => {
  await signIn(page, 'legal1');
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('中文').click();
  await expect(page.getByRole('tab', { name: '待办' })).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();
  // Another browser: nothing kept locally.
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill('legal1');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('tab', { name: '待办' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /你好/ })).toBeVisible();
});

test('the main pages have no serious accessibility violations', async ({ page, request }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page, 'sign-in');

  const recordId = await submitQuote(request, 'rep1', `Axe Check ${run}`, 15);
  await signIn(page, 'manager1');
  await expect(page.getByTestId('task-list-todo')).toBeVisible();
  await expectAccessible(page, 'home and inbox');

  await page.goto(`/records/${recordId}`);
  await expect(page.getByTestId('decision-panel')).toBeVisible();
  await expect(page.getByTestId('flow-node-manager_approval')).toBeVisible();
  await expectAccessible(page, 'record page');

  await page.getByTestId('nav-dashboards').click();
  await expect(page.getByTestId('chart-value-quote_count')).not.toBeEmpty();
  await expect(page.getByTestId('chart-quotes_by_status').locator('canvas')).toBeVisible();
  await expectAccessible(page, 'dashboards');

  await signOut(page);
  await signIn(page, 'rep1');
  await page.getByTestId('form-entry-crm-quote').getByRole('button', { name: 'New' }).click();
  await expect(page.getByLabel('Customer name', { exact: true })).toBeVisible();
  await expectAccessible(page, 'form fill');
});
