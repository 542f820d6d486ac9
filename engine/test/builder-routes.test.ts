import type { FormDefinition } from '@liuyun/definitions';
import { startTestApp, type TestApp } from './support/test-app';

// The builder's own routes: adding a form to an app, and the read-only organisation
// lists behind the flow designer's assignee pickers.
interface Envelope {
  error: { status: number; code: string; details?: { code: string; path?: string }[] };
}
interface AppSummary {
  id: string;
  key: string;
  forms: { id: string; key: string }[];
}

let app: TestApp;
let admin: string;
let rep1: string;
let appId: string;

async function formCount(): Promise<number> {
  const rows: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM forms');
  return rows[0]!.n;
}

const leadForm = (key = 'lead'): FormDefinition => ({
  key,
  name: { zh: '线索', en: 'Lead' },
  schema: {
    type: 'object',
    properties: {
      company: { type: 'string', 'x-widget': 'text', 'x-label': { zh: '公司', en: 'Company' } },
    },
  },
  layout: ['company'],
});

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  admin = await app.login('admin');
  rep1 = await app.login('rep1');
  const created = await app.request<AppSummary>('POST', '/api/apps', {
    token: admin,
    body: { key: 'sales_ops', name: { zh: '销售运营', en: 'Sales ops' }, forms: [] },
  });
  expect(created.status).toBe(201);
  appId = created.body.id;
});

afterAll(async () => {
  await app.close();
});

describe('POST /api/apps/{appKey}/forms', () => {
  it('adds a form published as version 1, listed under its app and servable', async () => {
    const res = await app.request<{ id: string; key: string; version: number }>(
      'POST',
      `/api/apps/sales_ops/forms`,
      { token: admin, body: { definition: leadForm() } },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: 'lead', version: 1 });
    const apps = await app.request<AppSummary[]>('GET', '/api/apps', { token: admin });
    expect(apps.body.find((a) => a.id === appId)?.forms).toEqual([
      expect.objectContaining({ id: res.body.id, key: 'lead' }),
    ]);
    const form = await app.request<{ version: number; definition: FormDefinition }>(
      'GET',
      `/api/forms/${res.body.id}`,
      { token: rep1 },
    );
    expect(form.body.version).toBe(1);
    expect(form.body.definition.layout).toEqual(['company']);
  });

  it('refuses a second form with the same key, an invalid definition and non-admins, storing nothing', async () => {
    const before = await formCount();
    const again = await app.request<Envelope>('POST', `/api/apps/sales_ops/forms`, {
      token: admin,
      body: { definition: leadForm() },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_exists');

    const broken = { ...leadForm('broken'), layout: ['company', 'ghost'] };
    const invalid = await app.request<Envelope>('POST', `/api/apps/sales_ops/forms`, {
      token: admin,
      body: { definition: broken },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('definition_invalid');
    expect(invalid.body.error.details?.[0]?.code).toBe('layout_mismatch');

    const noBody = await app.request<Envelope>('POST', `/api/apps/sales_ops/forms`, {
      token: admin,
      body: { form: leadForm('other') },
    });
    expect(noBody.status).toBe(400);

    const staff = await app.request<Envelope>('POST', `/api/apps/sales_ops/forms`, {
      token: rep1,
      body: { definition: leadForm('staff') },
    });
    expect(staff.status).toBe(403);

    const missing = await app.request<Envelope>('POST', '/api/apps/nowhere/forms', {
      token: admin,
      body: { definition: leadForm('nowhere') },
    });
    expect(missing.status).toBe(404);
    expect(await formCount()).toBe(before);
  });
});

describe('builder lookups', () => {
  it('lists active users with their roles, searchable, for admins only', async () => {
    const all = await app.request<{ username: string; roles: string[] }[]>(
      'GET',
      '/api/builder/users',
      { token: admin },
    );
    expect(all.status).toBe(200);
    expect(all.body.find((u) => u.username === 'manager1')?.roles).toContain('sales_manager');
    const found = await app.request<{ username: string }[]>('GET', '/api/builder/users?q=legal', {
      token: admin,
    });
    expect(found.body.map((u) => u.username)).toEqual(['legal1', 'legal2']);
    const literal = await app.request<unknown[]>('GET', '/api/builder/users?q=%25', {
      token: admin,
    });
    expect(literal.body).toEqual([]);
    const limited = await app.request<unknown[]>('GET', '/api/builder/users?limit=2', {
      token: admin,
    });
    expect(limited.body).toHaveLength(2);
    const bad = await app.request<Envelope>('GET', '/api/builder/users?limit=0', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await app.request('GET', '/api/builder/users', { token: rep1 })).status).toBe(403);
  });

  it('lists roles with member counts and departments with their heads', async () => {
    const roles = await app.request<{ key: string; members: number }[]>(
      'GET',
      '/api/builder/roles',
      { token: admin },
    );
    expect(roles.body).toContainEqual(expect.objectContaining({ key: 'legal', members: 2 }));
    // The demo users' roles carry the names the CRM template gives them, not their keys.
    expect(roles.body).toContainEqual(
      expect.objectContaining({
        key: 'sales_manager',
        name: { zh: '销售经理', en: 'Sales manager' },
      }),
    );
    const departments = await app.request<
      { name: string; head: { username: string } | null; parentId: string | null }[]
    >('GET', '/api/builder/departments', { token: admin });
    expect(departments.status).toBe(200);
    const sales = departments.body.find((d) => d.head?.username === 'manager1');
    expect(sales?.parentId).not.toBeNull();
    expect((await app.request('GET', '/api/builder/roles', { token: rep1 })).status).toBe(403);
    expect((await app.request('GET', '/api/builder/departments', { token: rep1 })).status).toBe(
      403,
    );
  });
});
