import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, signIn } from './session.helpers';

// Unique per run, so the app key and the values are ours even on a shared database.
const run = Date.now().toString(36);
const appKey = `leads_${run}`;

const leadForm = {
  key: 'lead',
  name: { zh: '线索', en: 'Lead' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        'x-widget': 'text',
        'x-label': { zh: '姓名', en: 'Name' },
      },
      mobile: {
        type: 'string',
        maxLength: 40,
        'x-widget': 'text',
        'x-label': { zh: '手机', en: 'Mobile' },
        'x-unique': true,
        'x-normalize': 'phone',
      },
      stage: {
        type: 'string',
        enum: ['new', 'contacted', 'won'],
        'x-widget': 'select',
        'x-label': { zh: '阶段', en: 'Stage' },
        'x-enum-labels': [
          { zh: '新线索', en: 'New' },
          { zh: '已联系', en: 'Contacted' },
          { zh: '赢单', en: 'Won' },
        ],
      },
      amount: {
        type: 'number',
        minimum: 0,
        'x-widget': 'money',
        'x-label': { zh: '金额', en: 'Amount' },
      },
      close_date: {
        type: 'string',
        format: 'date',
        'x-widget': 'date',
        'x-label': { zh: '预计成交', en: 'Close date' },
      },
    },
  },
  layout: ['name', 'mobile', 'stage', 'amount', 'close_date'],
};

async function token(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

test('records: table, views, kanban, calendar, export, import, duplicates and the public form', async ({
  page,
  request,
  browser,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const admin = await token(request, 'admin');
  const rep = await token(request, 'rep1');
  const installed = await request.post('/api/apps', {
    headers: { authorization: `Bearer ${admin}` },
    data: { key: appKey, name: { zh: '线索', en: `Leads ${run}` }, forms: [{ form: leadForm }] },
  });
  expect(installed.status()).toBe(201);
  const formId = ((await installed.json()) as { forms: { id: string }[] }).forms[0]!.id;
  const today = new Date();
  const day = (d: number) =>
    new Date(today.getFullYear(), today.getMonth(), d).toLocaleDateString('sv-SE');
  const leads = [
    {
      name: 'Alice Zhang',
      mobile: '138 0000 0001',
      stage: 'new',
      amount: 1200,
      close_date: day(5),
    },
    {
      name: 'Bob Li',
      mobile: '138 0000 0002',
      stage: 'contacted',
      amount: 80,
      close_date: day(12),
    },
    { name: '=HYPERLINK("http://evil")', stage: 'won', amount: 50000, close_date: day(20) },
  ];
  for (const data of leads) {
    const res = await request.post(`/api/forms/${formId}/records`, {
      headers: { authorization: `Bearer ${rep}` },
      data: { data },
    });
    expect(res.status()).toBe(201);
  }

  await test.step('the table sorts, searches and chooses columns', async () => {
    await signIn(page, 'rep1');
    await page.getByTestId(`form-records-${appKey}-lead`).click();
    const table = page.getByTestId('record-table');
    await expect(table.getByRole('row')).toHaveCount(4);
    await page.getByRole('columnheader', { name: 'Amount' }).click();
    await expect(table.getByRole('row').nth(1)).toContainText('Bob Li');
    await page.screenshot({ path: shot('records-table'), fullPage: true });
    await page.getByTestId('record-search').getByRole('searchbox').fill('alice');
    await page.getByTestId('record-search').getByRole('searchbox').press('Enter');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('Alice Zhang');
    await page.getByTestId('record-search').getByRole('searchbox').fill('');
    await page.getByTestId('record-search').getByRole('searchbox').press('Enter');
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-picker').getByLabel('Mobile').uncheck();
    await expect(page.getByRole('columnheader', { name: 'Mobile' })).toHaveCount(0);
    await page.keyboard.press('Escape');
  });

  await test.step('a saved view remembers the layout', async () => {
    await page.getByTestId('save-view').click();
    await page.getByLabel('View name').fill('By amount');
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByText('View saved')).toBeVisible();
    await expect(page.getByTestId('saved-views')).toContainText('By amount');
  });

  await test.step('export neutralises formulas', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').hover();
    await page.getByRole('menuitem', { name: 'CSV' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/(^|\n|,)"?=HYPERLINK/);
  });

  await test.step('import shows its progress and the rows it refused', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-button').click();
    await (
      await chooser
    ).setFiles({
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Name,Stage,Amount\nCarol Wang,Won,300\n,New,5\nDan Zhao,New,lots\n'),
    });
    const progress = page.getByTestId('import-progress');
    await expect(progress).toContainText('3 of 3 rows · 1 added · 2 refused');
    await expect(page.getByTestId('import-errors')).toContainText('Row 3');
    await page.screenshot({ path: shot('records-import'), fullPage: true });
    await page.getByRole('button', { name: 'OK' }).click();
  });

  await test.step('kanban by stage: moving a card is an edit', async () => {
    await page.getByTestId('view-switch').getByText('Kanban').click();
    const won = page.getByTestId('kanban-column-won');
    await expect(won.getByTestId('kanban-card')).toHaveCount(2);
    const bob = page.getByTestId('kanban-column-contacted').getByTestId('kanban-card').first();
    // Keyboard: the card's "move to" list, one down from Contacted is Won.
    await bob.getByRole('combobox').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Moved')).toBeVisible();
    await expect(won.getByTestId('kanban-card')).toHaveCount(3);
    await page.screenshot({ path: shot('records-kanban'), fullPage: true });
  });

  await test.step('calendar by the close date', async () => {
    await page.getByTestId('view-switch').getByText('Calendar').click();
    await expect(page.getByTestId('record-calendar')).toContainText('Alice Zhang');
    await page.screenshot({ path: shot('records-calendar'), fullPage: true });
  });

  await test.step('the form warns about a phone another record holds', async () => {
    await page.goto(`/forms/${formId}/new`);
    await page.getByLabel('Name', { exact: true }).fill('Someone');
    await page.getByLabel('Mobile', { exact: true }).fill('+86 138-0000-0001');
    await expect(page.getByTestId('duplicate-warning')).toContainText(
      'Mobile: this value is already used',
    );
    await page.screenshot({ path: shot('records-duplicate'), fullPage: true });
  });

  await test.step('the public form takes a lead without sign-in', async () => {
    const link = await request.put(`/api/forms/${formId}/public-link`, {
      headers: { authorization: `Bearer ${admin}` },
      data: { enabled: true },
    });
    const { path } = ((await link.json()) as { link: { path: string } }).link;
    const anonymous = await browser.newContext({ locale: 'en-US' });
    const pub = await anonymous.newPage();
    await pub.goto(path);
    await pub.getByLabel('Name', { exact: true }).fill('Web visitor');
    await pub.screenshot({ path: shot('public-form'), fullPage: true });
    // A person takes a few seconds to fill a form; the spam guard refuses faster sends.
    await expect(async () => {
      await pub.getByRole('button', { name: 'Submit' }).click();
      await expect(pub.getByTestId('public-thanks')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await anonymous.close();
  });
});
