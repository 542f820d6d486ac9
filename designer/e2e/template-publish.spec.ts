import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { expectAccessible } from './axe.helpers';
import { signIn } from './session.helpers';

// An admin publishes an app as a template, installs it as another app, the installed app
// is edited, the source publishes version 1.1.0, and the admin upgrades: the untouched
// change applied, the local edit kept, the conflict decided in the upgrade view.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const suffix = Date.now().toString(36);
const sourceKey = `tp_src_${suffix}`;
const templateKey = `kit_${suffix}`;
const installedKey = `kit_inst_${suffix}`;

type Field = Record<string, unknown>;
interface Definition {
  key: string;
  name: { zh: string; en: string };
  schema: { type: 'object'; properties: Record<string, Field>; required?: string[] };
  layout: string[];
}

const label = (en: string, zh = en) => ({ zh, en });
const deal: Definition = {
  key: 'deal',
  name: label('Deal', '交易'),
  schema: {
    type: 'object',
    required: ['title'],
    properties: {
      title: {
        type: 'string',
        minLength: 1,
        'x-widget': 'text',
        'x-label': label('Title', '标题'),
      },
      stage: {
        type: 'string',
        enum: ['new', 'won'],
        'x-widget': 'select',
        'x-label': label('Stage', '阶段'),
      },
      remark: { type: 'string', 'x-widget': 'text', 'x-label': label('Remark', '备注') },
    },
  },
  layout: ['title', 'stage', 'remark'],
};

const shot = (page: Page, dir: string, name: string, fullPage = true) =>
  page.screenshot({ path: join(dir, `${name}.png`), fullPage });

async function api(request: APIRequestContext) {
  const headers = { authorization: `Bearer ${await apiToken(request, 'admin')}` };
  const formOf = async (appKey: string) => {
    const apps = (await (await request.get('/api/apps', { headers })).json()) as {
      key: string;
      forms: { id: string; key: string }[];
    }[];
    const id = apps.find((a) => a.key === appKey)!.forms.find((f) => f.key === 'deal')!.id;
    const form = (await (await request.get(`/api/forms/${id}`, { headers })).json()) as {
      definition: Definition;
    };
    return { id, definition: form.definition };
  };
  const publish = async (formId: string, definition: Definition) => {
    const res = await request.post(`/api/forms/${formId}/versions`, {
      headers,
      data: { definition },
    });
    expect(res.status()).toBe(201);
  };
  return { headers, formOf, publish };
}

const withField = (d: Definition, name: string, field: Field): Definition => ({
  ...d,
  schema: { ...d.schema, properties: { ...d.schema.properties, [name]: field } },
  layout: d.layout.includes(name) ? d.layout : [...d.layout, name],
});

test.beforeAll(async ({ request }) => {
  const { headers } = await api(request);
  // Another spec may have left the admin's language on Chinese; this one reads English.
  expect(
    (await request.put('/api/me/preferences', { headers, data: { language: 'en' } })).status(),
  ).toBe(200);
  const res = await request.post('/api/apps', {
    headers,
    data: { key: sourceKey, name: label('Sales kit', '销售套件'), forms: [{ form: deal }] },
  });
  expect(res.status()).toBe(201);
});

test('publish an app as a template and install it as another app', async ({ page }, info) => {
  const dir = info.project.outputDir;
  await signIn(page, 'admin');

  await test.step('Publish as template from the builder', async () => {
    await page.goto('/build');
    await page.getByTestId(`publish-template-${sourceKey}`).click();
    const dialog = page.getByTestId('publish-template-dialog');
    await dialog.getByLabel('Template key').fill(templateKey);
    await expect(dialog.getByLabel('Version')).toHaveValue('1.0.0');
    await dialog.getByLabel('Description (English)').fill('Deals with stages');
    await dialog.getByLabel('Description (Chinese)').fill('交易与阶段');
    await shot(page, dir, 'template-publish-dialog', false);
    await page.getByRole('dialog').getByRole('button', { name: 'Publish as template' }).click();
    await expect(page.getByText(`Version 1.0.0 of “Sales kit” is in the gallery.`)).toBeVisible();
  });

  await test.step('the gallery lists it with its version; install it under another key', async () => {
    await page.goto('/admin/templates');
    await expect(page.getByTestId(`template-version-${templateKey}`)).toHaveText('v1.0.0');
    await expect(page.getByTestId('template-crm')).toBeVisible();
    await page.getByTestId(`install-${templateKey}`).click();
    const dialog = page.getByTestId('install-template-dialog');
    await dialog.getByLabel('App key').fill(installedKey);
    await dialog.getByLabel('App name (English)').fill('Branch sales');
    await page.getByRole('dialog').getByRole('button', { name: 'Install', exact: true }).click();
    await expect(page.getByTestId(`template-installs-${templateKey}`)).toContainText(installedKey);
    await shot(page, dir, 'template-gallery-published');
    await expectAccessible(page, 'template gallery');
  });
});

test('upgrade the edited install to v1.1.0: change applied, local edit kept, conflict resolved', async ({
  page,
  request,
}, info) => {
  const dir = info.project.outputDir;
  const { formOf, publish } = await api(request);

  // The installed app is edited: its remark relabelled and a stage option added.
  const installed = await formOf(installedKey);
  let local = withField(installed.definition, 'remark', {
    ...installed.definition.schema.properties.remark,
    'x-label': label('My remark', '我的备注'),
  });
  local = withField(local, 'stage', {
    ...local.schema.properties.stage,
    enum: ['new', 'won', 'paused'],
  });
  await publish(installed.id, local);

  // The source moves on: title relabelled, stage options changed, a region field added.
  const source = await formOf(sourceKey);
  let next = withField(source.definition, 'title', {
    ...source.definition.schema.properties.title,
    'x-label': label('Deal title', '交易标题'),
  });
  next = withField(next, 'stage', {
    ...next.schema.properties.stage,
    enum: ['new', 'won', 'lost'],
  });
  next = withField(next, 'region', {
    type: 'string',
    'x-widget': 'text',
    'x-label': label('Region', '区域'),
  });
  await publish(source.id, next);

  await signIn(page, 'admin');
  await test.step('publish version 1.1.0 of the source', async () => {
    await page.goto('/build');
    await page.getByTestId(`publish-template-${sourceKey}`).click();
    const dialog = page.getByTestId('publish-template-dialog');
    await dialog.getByLabel('Template key').fill(templateKey);
    await expect(dialog.getByLabel('Version')).toHaveValue('1.1.0');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish as template' }).click();
    await expect(page.getByText('Version 1.1.0 of “Sales kit” is in the gallery.')).toBeVisible();
  });

  await test.step('the installed app shows an upgrade with the diff', async () => {
    await page.reload();
    await page.getByTestId(`upgrade-${installedKey}`).click();
    await expect(page.getByTestId('upgrade-versions')).toContainText(
      'installed 1.0.0, available 1.1.0',
    );
    await expect(page.getByTestId('outcome-field:deal/title')).toHaveText('Applied');
    await expect(page.getByTestId('outcome-field:deal/region')).toHaveText('Applied');
    await expect(page.getByTestId('outcome-field:deal/stage')).toHaveText('Conflict');
    await expect(page.getByTestId('change-field:deal/remark')).toHaveCount(0);
    await expect(page.getByTestId('conflicts-left')).toContainText('1 conflicts still to decide');
    await expect(page.getByTestId('upgrade-apply')).toBeDisabled();
    await page
      .getByTestId('change-field:deal/stage')
      .getByRole('button', { name: /expand/i })
      .click();
    await shot(page, dir, 'template-upgrade-conflict');
    await expectAccessible(page, 'template upgrade');
  });

  await test.step('take theirs for the conflict and upgrade', async () => {
    await page.getByTestId('decide-field:deal/stage').getByText('Take theirs').click();
    await expect(page.getByTestId('upgrade-apply')).toBeEnabled();
    await page.getByTestId('upgrade-apply').click();
    await expect(page.getByText(/Upgraded to 1\.1\.0: 3 changes applied, 0 kept\./)).toBeVisible();
    await expect(page.getByTestId('upgrade-up-to-date')).toBeVisible();
    await shot(page, dir, 'template-upgrade-done');
  });

  const after = (await formOf(installedKey)).definition.schema.properties;
  expect(after.title?.['x-label']).toEqual(label('Deal title', '交易标题'));
  expect(after.remark?.['x-label']).toEqual(label('My remark', '我的备注'));
  expect(after.stage?.enum).toEqual(['new', 'won', 'lost']);
  expect(after.region).toBeDefined();
});
