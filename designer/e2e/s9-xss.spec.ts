import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiToken } from './api.helpers';
import { signIn } from './session.helpers';

// S9: stored XSS. Payloads go in over the API (record values, form and field labels, option
// labels, comments, user and department names); the pages that show them are opened in
// Chromium, and a sentinel every payload would set must stay unset while the payload
// shows as plain text.

const run = Date.now().toString(36);
const PAYLOADS = {
  img: `<img src=x onerror="window.__xss=1">${run}`,
  script: `<script>window.__xss=1</script>${run}`,
  svg: `<svg onload=window.__xss=1>${run}`,
  link: `javascript:window.__xss=1//${run}`,
  attr: `"><img src=x onerror=window.__xss=1>${run}`,
};

type Sentinel = Window & { __xss?: unknown; __csp?: unknown };

async function expectNothingRan(page: Page): Promise<void> {
  // Let image loads fail and handlers (would) fire before asking.
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as Sentinel).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function formIdOf(request: APIRequestContext, token: string, key: string): Promise<string> {
  const apps = (await (await request.get('/api/apps', { headers: auth(token) })).json()) as {
    forms: { id: string; key: string }[];
  }[];
  const form = apps.flatMap((a) => a.forms).find((f) => f.key === key);
  if (!form) throw new Error(`no form ${key}`);
  return form.id;
}

const label = (en: string) => ({ zh: en, en });

let labFormId = '';
let labRecordId = '';
let quoteId = '';
let taskId = '';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async ({ request }) => {
  const admin = await apiToken(request, 'admin');
  const rep1 = await apiToken(request, 'rep1');
  const manager1 = await apiToken(request, 'manager1');

  // An app whose form name, field labels and option labels are payloads.
  const installed = await request.post('/api/apps', {
    headers: auth(admin),
    data: {
      key: `xss_${run}`,
      name: label(`XSS lab ${PAYLOADS.svg}`),
      forms: [
        {
          form: {
            key: 'note',
            name: label(`Note ${PAYLOADS.img}`),
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['title'],
              properties: {
                title: {
                  type: 'string',
                  maxLength: 300,
                  'x-widget': 'text',
                  'x-label': label(`Title ${PAYLOADS.attr}`),
                },
                body: {
                  type: 'string',
                  maxLength: 2000,
                  'x-widget': 'textarea',
                  'x-label': label(`Body ${PAYLOADS.script}`),
                },
                kind: {
                  type: 'string',
                  enum: ['a', 'b'],
                  'x-widget': 'select',
                  'x-label': label('Kind'),
                  'x-enum-labels': [label(`Option ${PAYLOADS.svg}`), label('Plain')],
                },
              },
            },
            layout: ['title', 'body', 'kind'],
          },
        },
      ],
    },
  });
  expect(installed.status()).toBe(201);
  labFormId = ((await installed.json()) as { forms: { id: string }[] }).forms[0]!.id;
  const record = await request.post(`/api/forms/${labFormId}/records`, {
    headers: auth(admin),
    data: {
      data: { title: PAYLOADS.img, body: `${PAYLOADS.script}\n${PAYLOADS.link}`, kind: 'a' },
    },
  });
  expect(record.status()).toBe(201);
  labRecordId = ((await record.json()) as { id: string }).id;

  // A quote under approval whose customer and reason are payloads; manager1 holds its task.
  const quoteForm = await formIdOf(request, rep1, 'quote');
  const quote = await request.post(`/api/forms/${quoteForm}/records`, {
    headers: auth(rep1),
    data: {
      data: {
        customer_name: PAYLOADS.img,
        items: [{ product: PAYLOADS.svg, quantity: 1, unit_price: 100, discount_pct: 0 }],
        discount_pct: 15,
        reason: PAYLOADS.script,
      },
    },
  });
  expect(quote.status()).toBe(201);
  quoteId = ((await quote.json()) as { id: string }).id;
  const seen = (await (
    await request.get(`/api/records/${quoteId}`, { headers: auth(manager1) })
  ).json()) as { tasks?: { id: string; status: string }[] };
  taskId = seen.tasks!.find((t) => t.status === 'open')!.id;

  // A user and a department named with payloads.
  const dept = await request.post('/api/admin/departments', {
    headers: auth(admin),
    data: { name: `Dept ${PAYLOADS.attr}` },
  });
  expect(dept.status()).toBe(201);
  const user = await request.post('/api/admin/users', {
    headers: auth(admin),
    data: {
      username: `xss${run}`,
      displayName: `User ${PAYLOADS.img}`.slice(0, 100),
      password: 'xss-pass-123',
    },
  });
  expect(user.status()).toBe(201);
});

test('the designer page sends a strict Content-Security-Policy that blocks inline scripts', async ({
  page,
}) => {
  const res = await page.goto('/sign-in');
  const csp = res!.headers()['content-security-policy'] ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
  const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
  expect(scripts).toContain("'self'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain('*');
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'self'"]);
  // The browser enforces it: markup with an inline handler written into the page runs nothing.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__csp=1">');
  });
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as Sentinel).__csp)).toBeUndefined();
});

test('record list and detail show payload labels and values as text', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto(`/forms/${labFormId}/records`);
  await expect(page.getByText(PAYLOADS.img, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(`Title ${PAYLOADS.attr}`).first()).toBeVisible();
  await expectNothingRan(page);

  await page.goto(`/records/${labRecordId}`);
  await expect(page.getByTestId('value-title')).toHaveText(PAYLOADS.img);
  await expect(page.getByTestId('value-body')).toContainText(PAYLOADS.script);
  await expect(page.getByTestId('value-body')).toContainText(PAYLOADS.link);
  await expect(page.getByText(`Option ${PAYLOADS.svg}`).first()).toBeVisible();
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expectNothingRan(page);

  await page.goto(`/forms/${labFormId}/new`);
  await expect(page.getByText(`Body ${PAYLOADS.script}`).first()).toBeVisible();
  await expectNothingRan(page);
});

test('the inbox, the task and its timeline comment show payloads as text', async ({
  page,
  request,
}) => {
  await signIn(page, 'manager1');
  const row = page.getByTestId('task-list-todo').getByRole('link', { name: PAYLOADS.img });
  await expect(row).toBeVisible();
  await expectNothingRan(page);
  await row.click();
  await expect(page.getByTestId('decision-panel')).toBeVisible();
  await expect(page.getByTestId('value-customer_name')).toHaveText(PAYLOADS.img);
  await expect(page.getByText(PAYLOADS.script).first()).toBeVisible();
  await expectNothingRan(page);

  const manager1 = await apiToken(request, 'manager1');
  const acted = await request.post(`/api/tasks/${taskId}/actions`, {
    headers: auth(manager1),
    data: { action: 'approve', comment: PAYLOADS.attr },
  });
  expect(acted.status()).toBe(200);
  await page.goto(`/records/${quoteId}`);
  await expect(page.getByTestId('record-timeline')).toContainText(PAYLOADS.attr);
  await expectNothingRan(page);
});

test('a notification whose text holds a payload shows it as text', async ({ page, request }) => {
  // Two leads with one mobile: the CRM duplicate check notifies the sales managers with
  // "Lead {{contact_name}} ({{mobile}}) may be a duplicate".
  const rep1 = await apiToken(request, 'rep1');
  const manager1 = await apiToken(request, 'manager1');
  const leadForm = await formIdOf(request, rep1, 'lead');
  const mobile = `139${String(Date.now()).slice(-8)}`;
  for (let i = 0; i < 2; i++) {
    const lead = await request.post(`/api/forms/${leadForm}/records`, {
      headers: auth(rep1),
      data: { data: { contact_name: PAYLOADS.svg, mobile } },
    });
    expect(lead.status()).toBe(201);
  }
  const message = `Lead ${PAYLOADS.svg} (${mobile}) may be a duplicate`;
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/notifications', { headers: auth(manager1) });
        return JSON.stringify(await res.json());
      },
      { timeout: 30_000 },
    )
    .toContain(mobile);
  await signIn(page, 'manager1');
  await page.getByTestId('notification-bell').click();
  const drawer = page.getByTestId('notification-drawer');
  await expect(drawer.getByText(message).first()).toBeVisible();
  await expectNothingRan(page);
});

test('admin users and departments show payload names as text', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/users');
  await expect(page.getByText(`User ${PAYLOADS.img}`.slice(0, 100)).first()).toBeVisible();
  await expectNothingRan(page);
  await page.goto('/admin/departments');
  await expect(page.getByText(`Dept ${PAYLOADS.attr}`).first()).toBeVisible();
  await expectNothingRan(page);
});
