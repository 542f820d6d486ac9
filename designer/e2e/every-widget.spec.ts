import { expect, test, type Locator, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { apiToken } from './api.helpers';
import { signIn } from './session.helpers';
import { OPEN_DROPDOWN } from './dropdown.helpers';

// Every widget of the field catalogue (docs/fields.md) filled in the browser on a test
// form, submitted, and the stored record read back over the API; then the record page
// downloads the attachment and shows the signature.

type WidgetField = typeof import('@liuyun/definitions').widgetField;
const { widgetField } = createRequire(import.meta.url)('@liuyun/definitions') as {
  widgetField: WidgetField;
};

const run = Date.now().toString(36);
// A widget that is not found fails within seconds, not at the end of the test's time.
test.use({ actionTimeout: 20_000 });
const appKey = `widgets_${run}`;
const l = (en: string) => ({ zh: en, en });
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const customerForm = {
  key: 'client',
  name: l('Client'),
  schema: {
    type: 'object',
    required: ['name'],
    properties: {
      name: widgetField('text', l('Client name'), { maxLength: 100 }),
      phone: widgetField('text', l('Client phone'), { maxLength: 40 }),
    },
  },
  layout: ['name', 'phone'],
};

const properties = {
  basics: widgetField('section', l('Basics')),
  help: widgetField('description', l('Help'), { 'x-content': l('Fill in every field.') }),
  title: widgetField('text', l('Title'), { maxLength: 100 }),
  notes: widgetField('textarea', l('Notes'), { maxLength: 2000 }),
  quantity: widgetField('number', l('Quantity'), { type: 'integer', minimum: 0 }),
  price: widgetField('money', l('Price'), { minimum: 0 }),
  rate: widgetField('percent', l('Discount'), { minimum: 0, maximum: 100 }),
  due: widgetField('date', l('Due date')),
  meeting: widgetField('datetime', l('Meeting')),
  level: widgetField('radio', l('Level'), {
    enum: ['a', 'b'],
    'x-enum-labels': [l('Level A'), l('Level B')],
  }),
  channel: widgetField('select', l('Channel'), {
    enum: ['web', 'event'],
    'x-enum-labels': [l('Web'), l('Event')],
  }),
  tags: widgetField('checkbox', l('Tags'), {
    items: { type: 'string', enum: ['vip', 'new'] },
    'x-enum-labels': [l('VIP'), l('Newcomer')],
  }),
  regions: widgetField('multiselect', l('Regions'), {
    items: { type: 'string', enum: ['north', 'south'] },
    'x-enum-labels': [l('North'), l('South')],
  }),
  owner: widgetField('member', l('Owner')),
  watchers: widgetField('member', l('Watchers'), { multiple: true, maxItems: 5 }),
  team: widgetField('department', l('Team')),
  client: widgetField('linked_record', l('Client'), {
    'x-link': { form: 'client', display: 'name', copy: { client_phone: 'phone' } },
  }),
  client_phone: widgetField('text', l('Copied phone'), { maxLength: 40 }),
  address: widgetField('address', l('Address')),
  place: widgetField('location', l('Location')),
  number: widgetField('serial', l('Number'), { 'x-serial': { pattern: 'W-{seq:3}' } }),
  more: widgetField('tab', l('More')),
  files: widgetField('attachment', l('Attachments'), {
    maxItems: 3,
    'x-files': { accept: ['text/plain', '.txt'] },
  }),
  photos: widgetField('image', l('Photos'), { maxItems: 2, 'x-files': { accept: ['image/*'] } }),
  signature: widgetField('signature', l('Signature')),
  items: widgetField('subform', l('Items'), {
    minItems: 1,
    items: {
      type: 'object',
      required: ['product'],
      properties: {
        product: widgetField('text', l('Product'), { maxLength: 100 }),
        amount: widgetField('money', l('Amount'), { minimum: 0 }),
      },
    },
  }),
  total: widgetField('formula', l('Total'), {
    type: 'number',
    'x-computed': { sum: [{ var: 'items' }, 'amount'] },
  }),
};

const widgetForm = {
  key: 'widgets',
  name: l('Widgets'),
  schema: { type: 'object', required: ['title'], properties },
  layout: Object.keys(properties),
};

async function pick(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  await page
    .locator(`${OPEN_DROPDOWN} .ant-select-item-option`, { hasText: option })
    .first()
    .click();
}

test('every widget of the catalogue filled, submitted and stored', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string) => join(testInfo.project.outputDir, `${name}.png`);
  const admin = await apiToken(request, 'admin');
  const installed = await request.post('/api/apps', {
    headers: { authorization: `Bearer ${admin}` },
    data: {
      key: appKey,
      name: l(`Widgets ${run}`),
      forms: [{ form: customerForm }, { form: widgetForm }],
    },
  });
  expect(installed.status(), await installed.text()).toBe(201);
  const forms = ((await installed.json()) as { forms: { id: string; key: string }[] }).forms;
  const formId = forms.find((f) => f.key === 'widgets')!.id;
  const clientId = forms.find((f) => f.key === 'client')!.id;
  const client = await request.post(`/api/forms/${clientId}/records`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { data: { name: `Client ${run}`, phone: '0571-8888' } },
  });
  expect(client.status()).toBe(201);

  await signIn(page, 'admin');
  await page.goto(`/forms/${formId}/new`);
  const byLabel = (label: string) => page.getByLabel(label, { exact: true });
  await expect(byLabel('Title')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Fill in every field.')).toBeVisible();
  await byLabel('Title').fill(`Widgets ${run}`);
  await byLabel('Notes').fill('line one\nline two');
  await byLabel('Quantity').fill('3');
  await byLabel('Price').fill('19.99');
  await byLabel('Discount').fill('12.5');
  await byLabel('Due date').fill('2026-03-14');
  await byLabel('Due date').press('Enter');
  await byLabel('Meeting').click();
  await byLabel('Meeting').fill('2026-03-10 09:30');
  await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
  await page.getByRole('radio', { name: 'Level B' }).check();
  await pick(page, byLabel('Channel'), 'Event');
  await page.getByRole('checkbox', { name: 'VIP' }).check();
  await pick(page, byLabel('Regions'), 'South');
  await page.keyboard.press('Escape');
  await pick(page, byLabel('Owner'), '(rep1)');
  // The pool is searched on the server: type, then pick.
  await byLabel('Watchers').fill('manager1');
  await page
    .locator(`${OPEN_DROPDOWN} .ant-select-item-option`, { hasText: '(manager1)' })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await pick(page, byLabel('Team'), 'Sales');
  await byLabel('Client').fill(`Client ${run}`);
  await page
    .locator(`${OPEN_DROPDOWN} .ant-select-item-option`, { hasText: `Client ${run}` })
    .first()
    .click();
  await byLabel('Address').click();
  for (const part of ['浙江省', '杭州市', '西湖区'])
    await page.locator('.ant-cascader-menu-item', { hasText: part }).first().click();
  await page.getByLabel('Street and number').fill('文三路 1 号');
  await page.getByLabel('Latitude', { exact: true }).fill('30.27');
  await page.getByLabel('Longitude', { exact: true }).fill('120.15');
  await page.getByLabel('Place name', { exact: true }).fill('West Lake');
  await byLabel('Product 1').fill('Seat');
  await byLabel('Amount 1').fill('50');
  await page.getByRole('button', { name: 'Add row' }).click();
  await byLabel('Product 2').fill('Support');
  await byLabel('Amount 2').fill('150.5');
  await expect(byLabel('Total')).toHaveValue(/200\.5/);

  await page.getByRole('tab', { name: 'More' }).click();
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello file'),
    });
  await expect(page.getByText('notes.txt')).toBeVisible();
  await page
    .locator('input[type=file]')
    .nth(1)
    .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('dot.png')).toBeVisible();
  const pad = page.getByLabel('Sign here', { exact: true });
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 60, { steps: 10 });
  await page.mouse.move(box.x + 200, box.y + 30, { steps: 10 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Use this signature' }).click();
  await expect(page.getByText('Signature saved')).toBeVisible();
  await page.screenshot({ path: shot('every-widget-filled'), fullPage: true });

  const saved = page.waitForResponse(
    (r) => r.url().endsWith(`/api/forms/${formId}/records`) && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Submit' }).click();
  const answer = await saved;
  expect(answer.status(), await answer.text()).toBe(201);
  const { id } = (await answer.json()) as { id: string };

  const stored = await request.get(`/api/records/${id}`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  const data = ((await stored.json()) as { data: Record<string, unknown> }).data;
  const users = (await (
    await request.get('/api/admin/users?limit=200', {
      headers: { authorization: `Bearer ${admin}` },
    })
  ).json()) as { items: { id: string; username: string }[] };
  const userId = (name: string) => users.items.find((u) => u.username === name)?.id;
  expect(data).toMatchObject({
    title: `Widgets ${run}`,
    notes: 'line one\nline two',
    quantity: 3,
    price: 19.99,
    rate: 12.5,
    due: '2026-03-14',
    level: 'b',
    channel: 'event',
    tags: ['vip'],
    regions: ['south'],
    owner: userId('rep1'),
    watchers: [userId('manager1')],
    client: ((await client.json()) as { id: string }).id,
    client_phone: '0571-8888',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' },
    place: { lat: 30.27, lng: 120.15, address: 'West Lake' },
    number: 'W-001',
    items: [
      { product: 'Seat', amount: 50 },
      { product: 'Support', amount: 150.5 },
    ],
    total: 200.5,
  });
  expect(new Date(String(data.meeting)).toISOString()).toBe('2026-03-10T01:30:00.000Z');
  expect(typeof data.team).toBe('string');
  expect(data.files).toEqual([expect.objectContaining({ name: 'notes.txt', type: 'text/plain' })]);
  expect(data.photos).toEqual([expect.objectContaining({ name: 'dot.png', type: 'image/png' })]);
  expect(data.signature).toEqual(expect.objectContaining({ type: 'image/png' }));
  for (const key of ['basics', 'help', 'more']) expect(data).not.toHaveProperty(key);

  await test.step('the record page downloads the attachment and shows the signature', async () => {
    await expect(page).toHaveURL(new RegExp(`/records/${id}`));
    await expect(page.getByTestId('record-section-basics')).toBeVisible();
    await page.getByTestId('record-tabs').getByRole('tab', { name: 'More' }).click();
    await expect(page.getByTestId('record-signature')).toBeVisible();
    expect(
      await page
        .getByTestId('record-signature')
        .evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download notes.txt' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('notes.txt');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(await file.path(), 'utf8')).toBe('hello file');
    await page.screenshot({ path: shot('every-widget-record'), fullPage: true });
  });
});
