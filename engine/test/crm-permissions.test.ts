import { listTemplates } from '@liuyun/templates';
import type { PermissionSetView } from '../src/modules/access/permission-set.types';
import type { RecordView } from '../src/modules/records/records.service';
import { formIdOf } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

// The CRM template's permission sets, installed with the app on a demo start: reps see
// their own customers (and the public pool), managers their department and below,
// finance contracts and payments (customers read only), service without the money.
let app: TestApp;
const tokens = new Map<string, string>();
const ids = new Map<string, string>();

const token = (u: string) => tokens.get(u)!;
const names = async (u: string, form: string) => {
  const res = await app.request<{ items: RecordView[] }>(
    'GET',
    `/api/forms/${await formIdOf(app, token('admin'), form)}/records?limit=200`,
    { token: token(u) },
  );
  expect(res.status).toBe(200);
  return res.body.items.map((r) => r.data.name as string).sort();
};

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  for (const u of ['admin', 'rep1', 'rep2', 'manager1', 'director1', 'finance1'])
    tokens.set(u, await app.login(u));
  // service1 is a demo service agent (role service).
  tokens.set('service1', await app.login('service1'));
  const rows: { id: string; username: string }[] = await app.db.query(
    'SELECT id, username FROM users',
  );
  const userId = new Map(rows.map((r) => [r.username, r.id]));
  const customer = await formIdOf(app, token('admin'), 'customer');
  for (const [name, by, extra] of [
    ['Rep1 Co', 'rep1', { owner: userId.get('rep1') }],
    ['Rep2 Co', 'rep2', { owner: userId.get('rep2') }],
    ['Pool Co', 'admin', { pool: 'public' }],
    ['HQ Co', 'admin', { owner: userId.get('director1') }],
  ] as const) {
    const res = await app.request<RecordView>('POST', `/api/forms/${customer}/records`, {
      token: token(by),
      body: { data: { name, ...extra } },
    });
    if (res.status !== 201) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    ids.set(name, res.body.id);
  }
});

afterAll(async () => {
  await app.close();
});

const crm = listTemplates().find((t) => t.key === 'crm')!;

it('installs every permission set of the template, given to its roles', async () => {
  const res = await app.request<PermissionSetView[]>('GET', '/api/apps/crm/permission-sets', {
    token: token('admin'),
  });
  expect(res.status).toBe(200);
  expect(res.body.map((s) => s.key).sort()).toEqual(
    (crm.permissionSets ?? []).map((s) => s.key).sort(),
  );
  expect(res.body.find((s) => s.key === 'sales_manager')?.assignments).toEqual([
    { type: 'role', subject: 'sales_director' },
    { type: 'role', subject: 'sales_manager' },
  ]);
});

it('reps see their own customers and the public pool; not each other’s', async () => {
  expect(await names('rep1', 'customer')).toEqual(['Pool Co', 'Rep1 Co']);
  expect(await names('rep2', 'customer')).toEqual(['Pool Co', 'Rep2 Co']);
  const other = await app.request('GET', `/api/records/${ids.get('Rep2 Co')}`, {
    token: token('rep1'),
  });
  expect(other.status).toBe(404);
});

it('the sales manager sees their department; the director (department above) everything', async () => {
  expect(await names('manager1', 'customer')).toEqual(['Rep1 Co', 'Rep2 Co']);
  expect(await names('director1', 'customer')).toEqual(['HQ Co', 'Pool Co', 'Rep1 Co', 'Rep2 Co']);
});

it('finance reads customers but may not edit them, and has no leads', async () => {
  expect(await names('finance1', 'customer')).toEqual(['HQ Co', 'Pool Co', 'Rep1 Co', 'Rep2 Co']);
  const current = await app.request<RecordView>('GET', `/api/records/${ids.get('Rep1 Co')}`, {
    token: token('finance1'),
  });
  const edit = await app.request('PATCH', `/api/records/${ids.get('Rep1 Co')}`, {
    token: token('finance1'),
    body: { data: { name: 'Renamed' } },
    headers: { 'if-match': `"${current.body.version}"` },
  });
  expect(edit.status).toBe(403);
  const leads = await app.request(
    'GET',
    `/api/forms/${await formIdOf(app, token('admin'), 'lead')}/records`,
    { token: token('finance1') },
  );
  expect(leads.status).toBe(403);
  const contracts = await app.request<{ items: unknown[] }>(
    'GET',
    `/api/forms/${await formIdOf(app, token('admin'), 'contract')}/records`,
    { token: token('finance1') },
  );
  const all: { n: number }[] = await app.db.query(
    `SELECT count(*)::int AS n FROM records r JOIN forms f ON f.id = r.form_id
      WHERE f.key = 'contract' AND r.deleted_at IS NULL`,
  );
  expect(contracts.body.items).toHaveLength(all[0]!.n);
});

it('service agents read customers without their amounts', async () => {
  // Roll-ups the contract automations keep (read-only: nobody submits them).
  await app.db.query(
    `UPDATE records SET data = data || '{"total_contract_amount": 5000, "total_received": 3000, "rfm_m": 4}'::jsonb WHERE id = $1`,
    [ids.get('Rep1 Co')],
  );
  const res = await app.request<RecordView>('GET', `/api/records/${ids.get('Rep1 Co')}`, {
    token: token('service1'),
  });
  expect(res.status).toBe(200);
  expect(res.body.data.name).toBe('Rep1 Co');
  for (const hidden of ['total_contract_amount', 'total_received', 'rfm_m'])
    expect(res.body.data).not.toHaveProperty(hidden);
  const admin = await app.request<RecordView>('GET', `/api/records/${ids.get('Rep1 Co')}`, {
    token: token('admin'),
  });
  expect(admin.body.data).toMatchObject({ total_contract_amount: 5000, total_received: 3000 });
});
