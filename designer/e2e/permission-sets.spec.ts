import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { expectAccessible } from './axe.helpers';
import { signIn, signOut } from './session.helpers';
import { OPEN_DROPDOWN } from './dropdown.helpers';

// Unique per run, so the app key and the values are ours even on a shared database.
const run = Date.now().toString(36);
const appKey = `perms_${run}`;

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
        'x-label': { zh: '标题', en: 'Title' },
      },
      owner: {
        type: 'string',
        format: 'uuid',
        maxLength: 36,
        'x-widget': 'member',
        'x-label': { zh: '负责人', en: 'Owner' },
      },
      margin: {
        type: 'number',
        'x-widget': 'number',
        'x-label': { zh: '毛利', en: 'Margin' },
      },
    },
  },
  layout: ['title', 'owner', 'margin'],
};

const SALES_REP = /^(Sales rep|sales_rep)$/;

/** Chooses an option of the open Ant Design select. */
const pick = (page: Page, option: string | RegExp) =>
  page.locator(OPEN_DROPDOWN).getByTitle(option, { exact: true }).first().click();

test('permission sets: an admin gives reps their own rows, and a rep then sees only those', async ({
  page,
  request,
}, testInfo) => {
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const admin = await apiToken(request, 'admin');
  const headers = { authorization: `Bearer ${admin}` };
  const installed = await request.post('/api/apps', {
    headers,
    data: {
      key: appKey,
      name: { zh: `权限 ${run}`, en: `Perms ${run}` },
      forms: [{ form: dealForm }],
    },
  });
  expect(installed.status()).toBe(201);
  const formId = ((await installed.json()) as { forms: { id: string }[] }).forms[0]!.id;
  const users = (await (await request.get('/api/builder/users', { headers })).json()) as {
    id: string;
    username: string;
  }[];
  const idOf = (u: string) => users.find((x) => x.username === u)!.id;
  for (const [title, owner] of [
    ['Rep1 first deal', 'rep1'],
    ['Rep1 second deal', 'rep1'],
    ['Rep2 deal', 'rep2'],
    ['Director deal', 'director1'],
  ] as const) {
    const res = await request.post(`/api/forms/${formId}/records`, {
      headers,
      data: { data: { title, owner: idOf(owner), margin: 30 } },
    });
    expect(res.status()).toBe(201);
  }

  await test.step('the admin creates a set: reps view their own deals, margin hidden', async () => {
    await signIn(page, 'admin');
    await page.getByTestId('nav-permissions').click();
    await expect(page.getByTestId('permission-sets-page')).toBeVisible();
    await page.getByTestId('permission-sets-app').click();
    await pick(page, `Perms ${run}`);
    await expect(page.getByText('This app has no permission sets')).toBeVisible();
    await page.mouse.move(0, 0);
    await expect(page.getByTestId('permission-set-new')).toBeEnabled();
    await expectAccessible(page, 'permission sets');
    await page.getByTestId('permission-set-new').click();
    const editor = page.getByTestId('permission-set-editor');
    await editor.getByTestId('permission-set-key').fill('reps');
    await editor.getByTestId('permission-set-name-zh').fill('销售代表');
    await editor.getByTestId('permission-set-name-en').fill('Sales reps');
    await editor.getByTestId('permission-set-roles').click();
    // Demo roles are named by their key; a template install names them in words.
    await pick(page, SALES_REP);
    await page.keyboard.press('Escape');
    await editor.getByTestId('grant-deal-view').check();
    await expect(editor.getByTestId('grant-deal-rows')).toContainText('Own records');
    await editor
      .getByRole('button', { name: /expand row/i })
      .first()
      .click();
    await editor.getByLabel('Margin Access').getByText('Hidden').click();
    await page.screenshot({ path: shot('permission-set-editor'), fullPage: true });
    await editor.getByTestId('permission-set-save').click();
    await expect(page.getByText('Permission set saved')).toBeVisible();
    const row = page.getByRole('row', { name: /Sales reps/ });
    await expect(row).toContainText('Deal');
    await expect(row).toContainText(/Sales rep|sales_rep/);
    await page.screenshot({ path: shot('permission-sets'), fullPage: true });
    await signOut(page);
  });

  await test.step('rep1 sees only the deals they own, without the margin', async () => {
    await signIn(page, 'rep1');
    await page.goto(`/forms/${formId}/records`);
    const table = page.getByTestId('record-table');
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table).toContainText('Rep1 first deal');
    await expect(table).toContainText('Rep1 second deal');
    await expect(table).not.toContainText('Rep2 deal');
    await expect(table).not.toContainText('Director deal');
    await expect(page.getByRole('columnheader', { name: 'Margin' })).toHaveCount(0);
    await page.screenshot({ path: shot('permission-sets-rep-list'), fullPage: true });
  });
});
