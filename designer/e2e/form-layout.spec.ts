import { expect as baseExpect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { choose } from './builder.helpers';
import { signIn } from './session.helpers';

// The machine running these is often busy: each wait may take a while, none is a sleep.
const expect = baseExpect.configure({ timeout: 30_000 });

// Unique per run, so the app is ours even on a shared database.
const run = Date.now().toString(36);
const appKey = `layout_${run}`;

const startForm = {
  key: 'account',
  name: { zh: '客户', en: 'Account' },
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      title: {
        type: 'string',
        maxLength: 200,
        'x-widget': 'text',
        'x-label': { zh: '名称', en: 'Name' },
      },
    },
  },
  layout: ['title'],
};

async function setLabel(page: Page, en: string, zh: string) {
  await page.getByLabel('Label (English)').fill(en);
  await page.getByLabel('Label (Chinese)').fill(zh);
}

test('tabs and sections: built on the canvas, grouped in the preview and the filled form, hidden with their fields', async ({
  page,
  request,
}, info) => {
  test.setTimeout(300_000);
  const shot = (name: string) =>
    page.screenshot({ path: join(info.project.outputDir, `${name}.png`), fullPage: true });
  const admin = await apiToken(request, 'admin');
  const installed = await request.post('/api/apps', {
    headers: { authorization: `Bearer ${admin}` },
    data: { key: appKey, name: { zh: '布局', en: `Layout ${run}` }, forms: [{ form: startForm }] },
  });
  expect(installed.status()).toBe(201);
  const formId = ((await installed.json()) as { forms: { id: string }[] }).forms[0]!.id;
  await signIn(page, 'admin');
  await page.goto(`/build/forms/${formId}`);
  await expect(page.getByTestId('field-card-title')).toBeVisible();

  await test.step('two tabs, a section in the second, fields under each', async () => {
    const canvas = page.getByTestId('field-canvas');
    await page.getByTestId('palette-field-tab').dragTo(canvas);
    await expect(page.getByTestId('field-card-tab_1')).toBeVisible();
    await setLabel(page, 'Basics', '基本');
    // The rest from the keyboard: Enter on a catalogue item adds it after the selected field.
    const add = async (widget: string, key: string) => {
      await page.getByTestId(`palette-field-${widget}`).press('Enter');
      await expect(page.getByTestId(`field-card-${key}`)).toHaveAttribute('aria-pressed', 'true');
    };
    await add('number', 'number_1');
    await setLabel(page, 'Amount', '金额');
    await add('tab', 'tab_2');
    await setLabel(page, 'Details', '详情');
    await add('section', 'section_1');
    await setLabel(page, 'Big deals', '大单');
    await add('textarea', 'textarea_1');
    await setLabel(page, 'Approval note', '审批说明');
    // The canvas shows the grouping the renderer will use.
    await expect(page.getByTestId('field-card-number_1')).toHaveAttribute('data-tab', 'tab_1');
    await expect(page.getByTestId('field-card-section_1')).toHaveAttribute('data-tab', 'tab_2');
    const note = page.getByTestId('field-card-textarea_1');
    await expect(note).toHaveAttribute('data-tab', 'tab_2');
    await expect(note).toHaveAttribute('data-section', 'section_1');
    await expect(page.getByTestId('field-card-title')).not.toHaveAttribute('data-tab', /.*/);
  });

  await test.step('the section shows only for big amounts (a rule on the section)', async () => {
    await page.getByTestId('field-card-section_1').click();
    const rule = page.getByTestId('rule-visible');
    await rule.getByRole('button', { name: 'Add condition' }).click();
    await choose(rule, page, 'Field of condition 1', 'Amount');
    await choose(rule, page, 'Comparison of condition 1', 'is greater than');
    await rule.getByLabel('Value of condition 1').fill('1000');
    await expect(page.getByTestId('field-card-section_1')).toContainText('Show/hide');
    await shot('form-layout-designer');
  });

  await test.step('the preview: tabs, and the section hides what it holds', async () => {
    await page.getByTestId('form-preview-toggle').click();
    const preview = page.getByTestId('form-preview');
    await expect(preview.getByLabel('Name')).toBeVisible();
    await expect(preview.getByRole('tab', { name: 'Basics' })).toBeVisible();
    await preview.getByLabel('Amount').fill('5000');
    await preview.getByRole('tab', { name: 'Details' }).click();
    await expect(preview.getByTestId('field-section_1')).toBeVisible();
    await expect(preview.getByLabel('Approval note')).toBeVisible();
    await shot('form-layout-preview');
    await preview.getByRole('tab', { name: 'Basics' }).click();
    await preview.getByLabel('Amount').fill('10');
    await preview.getByRole('tab', { name: 'Details' }).click();
    await expect(preview.getByTestId('field-section_1')).toHaveCount(0);
    await expect(preview.getByLabel('Approval note')).toHaveCount(0);
  });

  await test.step('published; staff fill it and the hidden note is not stored', async () => {
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('doc-state')).toHaveText(/Draft saved/);
    await page.getByTestId('publish').click();
    await expect(page.getByText(/Published as version/)).toBeVisible();
    await page.goto(`/forms/${formId}/new`);
    await page.getByLabel('Name', { exact: true }).fill('ACME');
    await page.getByLabel('Amount', { exact: true }).fill('5000');
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByLabel('Approval note', { exact: true }).fill('Agreed with finance');
    await shot('form-layout-fill');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page).toHaveURL(/\/records\/[^/]+$/);
    await expect(page.getByTestId('value-textarea_1')).toHaveText('Agreed with finance');
    // Down to a small amount: the section and its note are hidden, so the note is dropped.
    await page.goto(`/forms/${formId}/new`);
    await page.getByLabel('Name', { exact: true }).fill('Small Co');
    await page.getByLabel('Amount', { exact: true }).fill('5000');
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByLabel('Approval note', { exact: true }).fill('Should not be kept');
    await page.getByRole('tab', { name: 'Basics' }).click();
    await page.getByLabel('Amount', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page).toHaveURL(/\/records\/[^/]+$/);
    await expect(page.getByTestId('value-title')).toHaveText('Small Co');
    await expect(page.getByTestId('value-textarea_1')).toHaveCount(0);
  });
});
