import type { DashboardDefinition } from '@liuyun/definitions';
import { startTestApp, type TestApp } from './support/test-app';

// Upgrading the installed CRM to a newer template version over HTTP, dashboards only:
// a dashboard the admin edited keeps the edit, one they left alone takes the template's
// change, one both changed is shown as a conflict and decided — never silently replaced.

interface Change {
  id: string;
  upstream: string;
  local: string;
  outcome: string;
}
interface Plan {
  revision: string;
  upToDate: boolean;
  changes: Change[];
  conflicts: number;
}
interface Dashboard {
  id: string;
  key: string;
  version: number;
  definition: DashboardDefinition;
}

let app: TestApp;
let admin: string;

async function dashboards(): Promise<Map<string, Dashboard>> {
  const list = await app.request<{ id: string; key: string }[]>('GET', '/api/apps/crm/dashboards', {
    token: admin,
  });
  expect(list.status).toBe(200);
  const out = new Map<string, Dashboard>();
  for (const d of list.body) {
    const one = await app.request<Dashboard>('GET', `/api/dashboards/${d.id}`, { token: admin });
    out.set(d.key, one.body);
  }
  return out;
}

async function save(d: Dashboard, definition: DashboardDefinition): Promise<void> {
  const res = await app.request('PUT', `/api/dashboards/${d.id}`, {
    token: admin,
    body: { version: d.version, definition },
  });
  expect({ key: d.key, status: res.status }).toEqual({ key: d.key, status: 200 });
}

const renamed = (d: DashboardDefinition, en: string): DashboardDefinition => ({
  ...d,
  name: { zh: en, en },
});

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  admin = await app.login('admin');
});

afterAll(async () => {
  await app.close();
});

it('keeps edited dashboards, applies untouched changes, and asks about real conflicts', async () => {
  const before = await dashboards();
  const funnel = before.get('lead_funnel')!;
  const pipeline = before.get('sales_pipeline')!;
  const value = before.get('customer_value')!;
  const template = {
    funnel: funnel.definition,
    pipeline: pipeline.definition,
    value: value.definition,
  };

  // The admin's own edits: the funnel renamed and one chart fewer; customer value renamed.
  const myFunnel: DashboardDefinition = {
    ...renamed(template.funnel, 'My lead funnel'),
    charts: template.funnel.charts.slice(1),
  };
  await save(funnel, myFunnel);
  const myValue = renamed(template.value, 'Value, our way');
  await save(value, myValue);

  // As if installed from an older CRM: the pipeline and customer value dashboards had other
  // names there; the installed pipeline still is that older one (never touched).
  const oldPipeline = renamed(template.pipeline, 'Pipeline (1.0)');
  await save(pipeline, oldPipeline);
  const oldValue = renamed(template.value, 'Customer value (1.0)');
  const installs: { base: { dashboards: DashboardDefinition[] } }[] = await app.db.query(
    `SELECT t.base FROM template_installs t JOIN apps a ON a.id = t.app_id WHERE a.key = 'crm'`,
  );
  const base = installs[0]!.base;
  base.dashboards = base.dashboards.map((d) =>
    d.key === 'sales_pipeline' ? oldPipeline : d.key === 'customer_value' ? oldValue : d,
  );
  await app.db.query(
    `UPDATE template_installs SET base = $1, revision = 'older', version = 'older'
      WHERE app_id = (SELECT id FROM apps WHERE key = 'crm')`,
    [JSON.stringify(base)],
  );

  const plan = await app.request<Plan>('GET', '/api/apps/crm/template-upgrade', { token: admin });
  expect(plan.status).toBe(200);
  const rows = plan.body.changes
    .filter((c) => c.id.startsWith('dashboard:'))
    .map((c) => [c.id, c.upstream, c.local, c.outcome])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  expect(rows).toEqual([
    ['dashboard:customer_value', 'changed', 'changed', 'conflict'],
    ['dashboard:sales_pipeline', 'changed', 'unchanged', 'apply'],
  ]);
  expect(plan.body.conflicts).toBe(1);

  // Unresolved, the upgrade changes nothing.
  const refused = await app.request<{ error: { code: string; status: number } }>(
    'POST',
    '/api/apps/crm/template-upgrade',
    { token: admin, body: { revision: plan.body.revision } },
  );
  expect(refused.status).toBe(409);
  expect(refused.body.error.status).toBe(409);
  const unchanged = await dashboards();
  expect(unchanged.get('sales_pipeline')!.definition.name.en).toBe('Pipeline (1.0)');

  const records: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM records');
  const up = await app.request<{ dashboards: { key: string; action: string }[] }>(
    'POST',
    '/api/apps/crm/template-upgrade',
    {
      token: admin,
      body: { revision: plan.body.revision, resolutions: { 'dashboard:customer_value': 'mine' } },
    },
  );
  expect(up.status).toBe(201);
  expect(up.body.dashboards).toEqual([{ key: 'sales_pipeline', action: 'updated' }]);

  const after = await dashboards();
  expect(after.get('sales_pipeline')!.definition).toEqual(template.pipeline);
  expect(after.get('lead_funnel')!.definition).toEqual(myFunnel);
  expect(after.get('lead_funnel')!.version).toBe(unchanged.get('lead_funnel')!.version);
  expect(after.get('customer_value')!.definition).toEqual(myValue);
  expect(after.get('quote_approvals')!.definition).toEqual(
    before.get('quote_approvals')!.definition,
  );
  expect(await app.db.query('SELECT count(*)::int AS n FROM records')).toEqual(records);

  const now = await app.request<Plan>('GET', '/api/apps/crm/template-upgrade', { token: admin });
  expect(now.body).toMatchObject({ upToDate: true, conflicts: 0 });
});
