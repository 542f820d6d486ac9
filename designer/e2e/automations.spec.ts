import { expect as baseExpect, test } from '@playwright/test';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { choose } from './builder.helpers';
import { signIn } from './session.helpers';

// The machine running these is often busy: each wait may take a while, none is a sleep.
const expect = baseExpect.configure({ timeout: 30_000 });

// Unique per run, so the app and its automation are ours even on a shared database.
const run = Date.now().toString(36);
const appKey = `auto_${run}`;

const dealForm = {
  key: 'deal',
  name: { zh: '商机', en: 'Deal' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title'],
    properties: {
      title: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        'x-widget': 'text',
        'x-label': { zh: '名称', en: 'Title' },
      },
      amount: {
        type: 'number',
        minimum: 0,
        'x-widget': 'number',
        'x-label': { zh: '金额', en: 'Amount' },
      },
      priority: {
        type: 'string',
        maxLength: 20,
        'x-widget': 'text',
        'x-label': { zh: '优先级', en: 'Priority' },
      },
    },
  },
  layout: ['title', 'amount', 'priority'],
};

test('an automation built in the editor runs when a record is submitted, and its run is logged', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(300_000);
  const shot = (name: string) =>
    page.screenshot({ path: join(testInfo.project.outputDir, `${name}.png`), fullPage: true });
  const admin = await apiToken(request, 'admin');
  const installed = await request.post('/api/apps', {
    headers: { authorization: `Bearer ${admin}` },
    data: { key: appKey, name: { zh: '自动化', en: `Auto ${run}` }, forms: [{ form: dealForm }] },
  });
  expect(installed.status()).toBe(201);
  const formId = ((await installed.json()) as { forms: { id: string }[] }).forms[0]!.id;

  await signIn(page, 'admin');

  await test.step('from the builder, the app’s automations', async () => {
    await page.getByTestId('nav-build').click();
    await page
      .getByTestId(`builder-app-${appKey}`)
      .getByRole('button', { name: 'Automations' })
      .click();
    await expect(page.getByTestId('automations-page')).toBeVisible();
    await expect(page.getByText('No automations yet')).toBeVisible();
  });

  await test.step('trigger, condition and action, then saved (published)', async () => {
    await page.getByTestId('new-automation').click();
    const editor = page.getByTestId('automation-editor');
    await editor.getByLabel('Key').fill('big_deals');
    await editor.getByLabel('Name (Chinese)').fill('大单');
    await editor.getByLabel('Name (English)').fill('Big deals');
    await expect(editor).toContainText('A record is created');
    const condition = editor.getByTestId('rule-automation-condition');
    await condition.getByRole('button', { name: 'Add condition' }).click();
    await choose(condition, page, 'Field of condition 1', 'Amount');
    await choose(condition, page, 'Comparison of condition 1', 'is greater than');
    await condition.getByLabel('Value of condition 1').fill('1000');
    await editor.getByTestId('add-action').hover();
    await page.getByRole('menuitem', { name: 'Update this record' }).click();
    await editor.getByLabel('Set fields (field → rule)').fill('{ "priority": "high" }');
    await shot('automation-editor');
    await editor.getByTestId('save-automation').click();
    await expect(page.getByText('Automation saved')).toBeVisible();
    await expect(page.getByTestId('automation-big_deals')).toHaveText('Big deals');
  });

  await test.step('a small deal does not match; a big one is updated by the automation', async () => {
    await page.goto(`/forms/${formId}/new`);
    await page.getByLabel('Title', { exact: true }).fill('Small deal');
    await page.getByLabel('Amount', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page).toHaveURL(/\/records\/[^/]+$/);
    await page.goto(`/forms/${formId}/new`);
    await page.getByLabel('Title', { exact: true }).fill('Big deal');
    await page.getByLabel('Amount', { exact: true }).fill('5000');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page).toHaveURL(/\/records\/[^/]+$/);
    // The run happens on the engine's worker: the record shows its effect once it has run.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('value-priority')).toHaveText('high', { timeout: 20_000 });
    }).toPass({ timeout: 90_000 });
    await expect(page.getByTestId('record-timeline')).toContainText(
      'Automation big_deals ran: Succeeded',
    );
    await shot('automation-record');
  });

  await test.step('the run log shows one succeeded run', async () => {
    await page.goto(`/build/apps/${appKey}/automations`);
    await page.getByRole('button', { name: 'Runs' }).click();
    const drawer = page.getByRole('dialog', { name: 'Runs of Big deals' });
    await expect(drawer.getByRole('row')).toHaveCount(2);
    await expect(drawer).toContainText('A record is created');
    await expect(drawer).toContainText('Succeeded');
    await shot('automation-runs');
  });
});
