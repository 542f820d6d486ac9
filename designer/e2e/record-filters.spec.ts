import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { signIn } from './session.helpers';
import { OPEN_DROPDOWN } from './dropdown.helpers';

// The filter builder on the CRM customer list: condition rows built with the mouse, the
// rows the table keeps compared with the engine's answer to the same filter, then kept
// in a saved view and in the address bar across a reload.

const run = Date.now().toString(36);

interface Ids {
  formId: string;
  headers: Record<string, string>;
}

async function customerForm(request: APIRequestContext, username: string): Promise<Ids> {
  const headers = { authorization: `Bearer ${await apiToken(request, username)}` };
  const apps = (await (await request.get('/api/apps', { headers })).json()) as {
    key: string;
    forms: { id: string; key: string }[];
  }[];
  const form = apps.find((a) => a.key === 'crm')?.forms.find((f) => f.key === 'customer');
  if (!form) throw new Error('no CRM customer form');
  return { formId: form.id, headers };
}

async function userId(request: APIRequestContext, username: string): Promise<string> {
  const headers = { authorization: `Bearer ${await apiToken(request, username)}` };
  return ((await (await request.get('/api/me', { headers })).json()) as { id: string }).id;
}

/** How many records the engine lists for a filter (one page is enough here). */
async function apiCount(request: APIRequestContext, ids: Ids, filter: unknown): Promise<number> {
  const res = await request.get(`/api/forms/${ids.formId}/records`, {
    headers: ids.headers,
    params: { filter: JSON.stringify(filter), limit: '100' },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

/** Picks the visible dropdown option whose text is exactly `text`. */
async function pickOption(page: Page, text: string): Promise<void> {
  await page
    .locator(`${OPEN_DROPDOWN} .ant-select-item-option`)
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first()
    .click();
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await pickOption(page, option);
}

test('record filters: AND/OR condition rows by field type, saved in a view and the address bar', async ({
  page,
  request,
}, testInfo) => {
  // Many steps on a loaded machine: more than the default minute.
  test.setTimeout(180_000);
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const ids = await customerForm(request, 'rep1');
  const rep1 = await userId(request, 'rep1');
  const rep2 = await userId(request, 'rep2');
  const customers = [
    { level: 'A', owner: rep1 },
    { level: 'A', owner: rep2 },
    { level: 'B', owner: rep1 },
    { level: 'C', owner: rep1 },
    { level: 'A', owner: rep1 },
  ];
  for (const [i, c] of customers.entries()) {
    const res = await request.post(`/api/forms/${ids.formId}/records`, {
      headers: ids.headers,
      data: { data: { name: `Filter ${run} ${i + 1}`, ...c } },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  const nameCondition = { field: 'name', op: 'contains', value: run };
  const mine = { field: 'owner', op: 'is_me' };
  const levelA = { field: 'level', op: 'in', value: ['A'] };

  await signIn(page, 'rep1');
  await page.getByTestId('form-records-crm-customer').click();
  const table = page.getByTestId('record-table');
  const rows = table.locator('tbody tr.ant-table-row');
  await expect(table).toBeVisible();

  await test.step('two conditions: the name contains the run tag AND the owner is me', async () => {
    await page.getByTestId('filter-button').click();
    const panel = page.getByTestId('filter-panel');
    await page.getByTestId('filter-add').click();
    await choose(page, 'Field of condition 1', 'Name');
    await expect(panel.getByLabel('Operator of condition 1')).toBeVisible();
    await choose(page, 'Operator of condition 1', 'contains');
    await panel.getByLabel('Value of condition 1').fill(run);
    await page.getByTestId('filter-add').click();
    await choose(page, 'Field of condition 2', 'Owner');
    await choose(page, 'Operator of condition 2', 'is me');
    await page.getByTestId('filter-apply').click();
    const expected = await apiCount(request, ids, {
      match: 'all',
      conditions: [nameCondition, mine],
    });
    expect(expected).toBe(4);
    await expect(rows).toHaveCount(expected);
    await expect(page.getByTestId('filter-button')).toContainText('Filter (2)');
    await expect(table).not.toContainText(`Filter ${run} 2`);
  });

  await test.step('a third row, a select field: level is any of "A key"', async () => {
    await page.getByTestId('filter-button').click();
    await page.getByTestId('filter-add').click();
    await choose(page, 'Field of condition 3', 'Level');
    await expect(page.getByLabel('Operator of condition 3')).toBeVisible();
    await page.getByLabel('Value of condition 3', { exact: true }).click();
    await pickOption(page, 'A key');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: shot('record-filters-builder'), fullPage: true });
    await page.getByTestId('filter-apply').click();
    const expected = await apiCount(request, ids, {
      match: 'all',
      conditions: [nameCondition, mine, levelA],
    });
    expect(expected).toBe(2);
    await expect(rows).toHaveCount(expected);
    await expect(table).toContainText(`Filter ${run} 1`);
    await expect(table).toContainText(`Filter ${run} 5`);
    expect(new URL(page.url()).searchParams.get('filter')).toContain('is_me');
    await page.screenshot({ path: shot('record-filters-applied'), fullPage: true });
  });

  await test.step('saved as a view: applied again after a reload and from a bare list', async () => {
    await page.getByTestId('save-view').click();
    await page.getByLabel('View name').fill(`My A customers ${run}`);
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByText('View saved')).toBeVisible();
    await expect(page).toHaveURL(/view=/);
    await page.reload();
    await expect(page.getByTestId('saved-views')).toContainText(`My A customers ${run}`);
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('filter-button')).toContainText('Filter (3)');
    // The list without anything in the address bar, then the view picked.
    await page.goto(new URL(page.url()).pathname);
    await expect(page.getByTestId('filter-button')).toHaveText('Filter');
    await expect(rows).not.toHaveCount(2);
    await page.getByTestId('saved-views').click();
    await pickOption(page, `My A customers ${run}`);
    await expect(page.locator(OPEN_DROPDOWN)).toHaveCount(0);
    await expect(rows).toHaveCount(2);
    await page.screenshot({ path: shot('record-filters-view'), fullPage: true });
  });

  await test.step('OR of the rows keeps any record meeting one of them', async () => {
    await page.getByTestId('filter-button').click();
    await page.getByTestId('filter-match').getByText('Any condition (OR)').click();
    await page.getByLabel('Remove condition 2').click();
    await page.getByTestId('filter-apply').click();
    const expected = await apiCount(request, ids, {
      match: 'any',
      conditions: [nameCondition, levelA],
    });
    expect(expected).toBeGreaterThanOrEqual(5);
    await expect(rows).toHaveCount(Math.min(expected, 20));
    await expect(table).toContainText(`Filter ${run} 2`);
  });
});

test('a new customer opens with the signed-in person as owner ($user default)', async ({
  page,
  request,
}) => {
  const ids = await customerForm(request, 'rep1');
  await signIn(page, 'rep1');
  await page.goto(`/forms/${ids.formId}/new`);
  // The form page loads the form and its pickers' pools first (slow on a busy machine).
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible({ timeout: 30_000 });
  const owner = page
    .locator('.ant-form-item')
    .filter({ has: page.getByText('Owner', { exact: true }) });
  await expect(owner).toContainText('Rep Sun (rep1)');
  await page.getByLabel('Name', { exact: true }).fill(`Defaulted ${run}`);
  const saved = page.waitForResponse(
    (r) => r.url().endsWith(`/api/forms/${ids.formId}/records`) && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Submit' }).click();
  const body = (await (await saved).json()) as { data: { owner?: string } };
  expect(body.data.owner).toBe(await userId(request, 'rep1'));
});
