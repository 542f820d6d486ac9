import type { ChartDefinition, DashboardDefinition } from '@liuyun/definitions';
import type { ChartData, ChartRow } from '../src/modules/analytics/chart-evaluator.service';
import type {
  DashboardData,
  DashboardSummary,
  DashboardView,
} from '../src/modules/analytics/dashboards.service';
import { listTemplates } from '@liuyun/templates';
import { formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string; details?: { code: string; path: string }[] };
}

let app: TestApp;
let admin: string;
let rep1: string;
let rep2: string;
let manager1: string;
let legal1: string;
let quoteId: string;
let dashboardId: string;

const t = (en: string) => ({ zh: en, en });

async function submitQuote(token: string, discount: number, customer: string): Promise<string> {
  const res = await app.request<{ id: string }>('POST', `/api/forms/${quoteId}/records`, {
    token,
    body: { data: quoteData(discount, customer) },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function data(token: string, id = dashboardId): Promise<Map<string, ChartData>> {
  const res = await app.request<DashboardData>('GET', `/api/dashboards/${id}/data`, { token });
  expect(res.status).toBe(200);
  return new Map(
    res.body.charts.map((c) => {
      if (!('rows' in c)) throw new Error(`chart ${c.chartId} failed: ${JSON.stringify(c)}`);
      return [c.chartId, c];
    }),
  );
}

const value = (charts: Map<string, ChartData>, id: string, key: string | null = null) =>
  charts.get(id)?.rows.find((r) => r.key === key)?.value;

const byKey = (rows: ChartRow[] | undefined) =>
  Object.fromEntries((rows ?? []).map((r) => [r.key ?? 'null', r.value]));

async function preview(chart: ChartDefinition, token = admin, timeZone?: string) {
  return app.request<ChartData & Envelope>('POST', '/api/apps/crm/chart-preview', {
    token,
    body: { chart, ...(timeZone ? { timeZone } : {}) },
  });
}

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  admin = await app.login('admin');
  rep1 = await app.login('rep1');
  rep2 = await app.login('rep2');
  manager1 = await app.login('manager1');
  legal1 = await app.login('legal1');
  quoteId = await formIdOf(app, admin, 'quote');
  const list = await app.request<DashboardSummary[]>('GET', '/api/apps/crm/dashboards', {
    token: rep1,
  });
  expect(list.status).toBe(200);
  dashboardId = list.body.find((d) => d.key === 'quote_approvals')!.id;
});

afterAll(async () => {
  await app.close();
});

describe('the CRM template dashboard', () => {
  it('is installed with the app and counts the sample quotes', async () => {
    const charts = await data(admin);
    // Samples: rep1 at 5% (auto-approved) and 15%, rep2 at 25% (both waiting).
    expect(value(charts, 'quote_count')).toBe(3);
    expect(byKey(charts.get('quotes_by_status')?.rows)).toEqual({ pending: 2, approved: 1 });
    expect(charts.get('quotes_by_status')?.rows.find((r) => r.key === 'pending')?.label).toEqual({
      zh: '审批中',
      en: 'Pending',
    });
    expect(byKey(charts.get('discount_distribution')?.rows)).toEqual({ '5': 1, '15': 1, '25': 1 });
    expect(charts.get('discount_distribution')?.rows[0]?.label.en).toBe('5–10');
    expect(value(charts, 'approval_rate')).toBe(100);
    expect(charts.get('approval_rate')?.unit).toBe('percent');
    const [sum] = (await app.db.query(
      `SELECT sum((data->>'total')::numeric)::float8 AS s FROM records WHERE form_id = $1`,
      [quoteId],
    )) as { s: number }[];
    expect(value(charts, 'quote_amount')).toBeCloseTo(sum!.s, 6);
    expect(charts.get('quote_amount')?.unit).toBe('money');
    // Grouped by submitter, named by display name; rep1's two quotes sum above rep2's one.
    const names: { id: string; display_name: string }[] = await app.db.query(
      `SELECT id::text, display_name FROM users WHERE username IN ('rep1', 'rep2') ORDER BY username`,
    );
    const reps = charts.get('quotes_by_rep')?.rows;
    expect(reps?.map((r) => [r.key, r.label.en])).toEqual(
      expect.arrayContaining(names.map((n) => [n.id, n.display_name])),
    );
    expect(reps).toHaveLength(2);
  });

  it('counts only what the viewer may see (the records visibility rule)', async () => {
    expect(value(await data(rep1), 'quote_count')).toBe(2);
    expect(value(await data(rep2), 'quote_count')).toBe(1);
    // The head of Sales sees the whole department; Legal sees no quote at all.
    expect(value(await data(manager1), 'quote_count')).toBe(3);
    const legal = await data(legal1);
    expect(value(legal, 'quote_count')).toBe(0);
    expect(legal.get('quotes_by_status')?.rows).toEqual([]);
    expect(value(legal, 'approval_rate')).toBeNull();
  });

  it('changes when a new record comes in', async () => {
    const before = await data(rep2);
    await submitQuote(rep2, 3, 'New Customer Ltd');
    const after = await data(rep2);
    expect(value(after, 'quote_count')).toBe(value(before, 'quote_count')! + 1);
    expect(byKey(after.get('quotes_by_status')?.rows).approved).toBe(
      (byKey(before.get('quotes_by_status')?.rows).approved ?? 0) + 1,
    );
  });

  it('measures time spent per approval node from the tasks', async () => {
    const recordId = await submitQuote(rep1, 15, 'Timing Co');
    const [task] = (await app.db.query(
      `SELECT id FROM tasks WHERE record_id = $1 AND status = 'open'`,
      [recordId],
    )) as { id: string }[];
    const act = await app.request('POST', `/api/tasks/${task!.id}/actions`, {
      token: manager1,
      body: { action: 'approve' },
    });
    expect(act.status).toBe(200);
    // The database clock stands still inside a request; give the task a known span.
    await app.db.query(
      `UPDATE tasks SET created_at = completed_at - interval '6 hours' WHERE id = $1`,
      [task!.id],
    );
    const rows = (await data(admin)).get('approval_hours_by_node')?.rows ?? [];
    expect(rows).toEqual([
      {
        key: 'manager_approval',
        label: { zh: '销售经理审批', en: 'Sales manager approval' },
        value: 6,
      },
    ]);
    expect((await data(admin)).get('approval_hours_by_node')?.unit).toBe('hours');
  });
});

describe('chart evaluation', () => {
  it('buckets dates by month in the dashboard’s time zone', async () => {
    const id = await submitQuote(rep1, 1, 'Month Edge');
    // 17:30 UTC on 31 January is already 1 February in Shanghai.
    await app.db.query(`UPDATE records SET created_at = '2025-01-31T17:30:00Z' WHERE id = $1`, [
      id,
    ]);
    const chart: ChartDefinition = {
      id: 'by_month',
      title: t('By month'),
      type: 'bar',
      query: {
        kind: 'group',
        form: 'quote',
        dimension: { field: '$created_at', bucket: 'month' },
        measure: { op: 'count' },
        filters: [{ field: 'customer_name', op: 'eq', value: 'Month Edge' }],
      },
    };
    expect(byKey((await preview(chart, admin, 'Asia/Shanghai')).body.rows)).toEqual({
      '2025-02': 1,
    });
    expect(byKey((await preview(chart, admin)).body.rows)).toEqual({ '2025-01': 1 });
  });

  it('filters by text, ranges and the last N days; values stay parameters', async () => {
    const count = (filters: unknown) =>
      preview({
        id: 'n',
        title: t('n'),
        type: 'number',
        query: { kind: 'group', form: 'quote', measure: { op: 'count' }, filters } as never,
      }).then((r) => {
        expect(r.status).toBe(200);
        return r.body.rows[0]?.value;
      });
    const all = (await app.db.query(`SELECT count(*)::int AS n FROM records WHERE form_id = $1`, [
      quoteId,
    ])) as { n: number }[];
    expect(await count([{ field: 'customer_name', op: 'contains', value: 'edge' }])).toBe(1);
    expect(await count([{ field: 'customer_name', op: 'contains', value: '%' }])).toBe(0);
    expect(await count([{ field: 'discount_pct', op: 'gte', value: 15 }])).toBe(3);
    expect(await count([{ field: 'reason', op: 'empty' }])).toBe(
      all[0]!.n - 3, // the 15%, 15% and 25% quotes carry a reason
    );
    // "Month Edge" was moved back to January 2025.
    expect(await count([{ field: '$created_at', op: 'within_days', value: 30 }])).toBe(
      all[0]!.n - 1,
    );
    expect(
      await count([{ field: 'customer_name', op: 'eq', value: "x'; DROP TABLE records; --" }]),
    ).toBe(0);
    expect(await count([{ field: 'status', op: 'not_in', value: ['pending'] }])).toBeGreaterThan(0);
    const [still] = (await app.db.query('SELECT count(*)::int AS n FROM records')) as {
      n: number;
    }[];
    expect(still!.n).toBeGreaterThan(0);
  });

  it('shows funnels as steps over several forms', async () => {
    const res = await preview({
      id: 'funnel',
      title: t('Funnel'),
      type: 'funnel',
      query: {
        kind: 'steps',
        steps: [
          { label: t('Quotes'), form: 'quote', measure: { op: 'count' } },
          {
            label: t('Approved quotes'),
            form: 'quote',
            filters: [{ field: 'status', op: 'eq', value: 'approved' }],
            measure: { op: 'count' },
          },
          { label: t('Contracts'), form: 'contract', measure: { op: 'count' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const [quotes, approved, contracts] = res.body.rows.map((r) => r.value);
    expect(res.body.rows.map((r) => r.label.en)).toEqual([
      'Quotes',
      'Approved quotes',
      'Contracts',
    ]);
    expect(quotes).toBeGreaterThan(approved!);
    expect(contracts).toBe(1);
  });

  it('refuses a chart that does not fit the forms, naming the problem', async () => {
    const res = await preview({
      id: 'bad',
      title: t('Bad'),
      type: 'bar',
      query: {
        kind: 'group',
        form: 'quote',
        dimension: { field: 'customer_name', bucket: 'month' },
        measure: { op: 'sum', field: 'colour' },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.map((d) => [d.code, d.path])).toEqual([
      ['unknown_field', '/query/measure/field'],
      ['field_type_mismatch', '/query/dimension/bucket'],
    ]);
    expect((await preview({} as ChartDefinition)).status).toBe(422);
    expect((await preview(await sampleChart(), rep1)).status).toBe(403);
  });
});

async function sampleChart(): Promise<ChartDefinition> {
  return {
    id: 'by_status',
    title: t('By status'),
    type: 'pie',
    query: {
      kind: 'group',
      form: 'quote',
      dimension: { field: 'status' },
      measure: { op: 'count' },
    },
  };
}

describe('dashboard CRUD', () => {
  const definition = async (): Promise<DashboardDefinition> => ({
    key: 'team',
    name: t('Team'),
    charts: [await sampleChart()],
  });

  it('creates, reads, updates over a version and deletes, with one audit row each', async () => {
    const auditBefore = await auditCount();
    const created = await app.request<DashboardView>('POST', '/api/apps/crm/dashboards', {
      token: admin,
      body: await definition(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'team', appKey: 'crm', version: 1 });
    const id = created.body.id;
    expect((await app.request('GET', `/api/dashboards/${id}`, { token: rep1 })).status).toBe(200);

    const changed = { ...(await definition()), name: t('Team, renamed') };
    const saved = await app.request<DashboardView>('PUT', `/api/dashboards/${id}`, {
      token: admin,
      body: { version: 1, definition: changed },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, name: t('Team, renamed') });
    const stale = await app.request<Envelope>('PUT', `/api/dashboards/${id}`, {
      token: admin,
      body: { version: 1, definition: changed },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');

    const list = await app.request<DashboardSummary[]>('GET', '/api/apps/crm/dashboards', {
      token: admin,
    });
    // The template's dashboards in file order, then the new one.
    const shipped = (listTemplates().find((t) => t.key === 'crm')?.dashboards ?? []).map(
      (d) => d.key,
    );
    expect(list.body.map((d) => d.key)).toEqual([...shipped, 'team']);
    expect((await app.request('DELETE', `/api/dashboards/${id}`, { token: admin })).status).toBe(
      204,
    );
    expect((await app.request('GET', `/api/dashboards/${id}`, { token: admin })).status).toBe(404);
    expect((await auditCount()) - auditBefore).toBe(3);
  });

  it('refuses bad input with a coded error and stores nothing', async () => {
    const before = await countDashboards();
    const auditBefore = await auditCount();
    const post = (body: unknown, token = admin) =>
      app.request<Envelope>('POST', '/api/apps/crm/dashboards', { token, body });
    const invalid = await post({ ...(await definition()), charts: [{ id: 'x' }] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('definition_invalid');
    const unknownForm = await post({
      ...(await definition()),
      charts: [
        {
          ...(await sampleChart()),
          query: { kind: 'group', form: 'no_such_form', measure: { op: 'count' } },
        },
      ],
    });
    expect(unknownForm.body.error.details?.[0]?.code).toBe('unknown_form');
    expect((await post(await definition(), rep1)).status).toBe(403);
    expect((await post({ ...(await definition()), key: 'quote_approvals' })).status).toBe(409);
    expect(
      (
        await app.request('POST', '/api/apps/nope/dashboards', {
          token: admin,
          body: await definition(),
        })
      ).status,
    ).toBe(404);
    expect((await app.request('GET', '/api/dashboards/not-a-uuid', { token: admin })).status).toBe(
      404,
    );
    expect(
      (
        await app.request('PUT', `/api/dashboards/${dashboardId}`, {
          token: admin,
          body: { version: 1, definition: { ...(await definition()), key: 'renamed' } },
        })
      ).status,
    ).toBe(422);
    expect((await app.request('GET', `/api/dashboards/${dashboardId}/data`)).status).toBe(401);
    expect(await countDashboards()).toBe(before);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('offers the editor the fields of each form, records and tasks', async () => {
    const res = await app.request<
      { key: string; hasFlow: boolean; records: { key: string }[]; tasks: { key: string }[] }[]
    >('GET', '/api/apps/crm/chart-forms', { token: admin });
    expect(res.status).toBe(200);
    const quote = res.body.find((f) => f.key === 'quote');
    expect(quote?.hasFlow).toBe(true);
    expect(quote?.records.map((f) => f.key)).toEqual(
      expect.arrayContaining(['$created_at', 'customer_name', 'discount_pct', 'total', 'status']),
    );
    // Line items are a sub-form: charts cannot use them.
    expect(quote?.records.map((f) => f.key)).not.toContain('items');
    expect(quote?.tasks.map((f) => f.key)).toEqual(
      expect.arrayContaining(['$node', '$duration_hours']),
    );
    expect((await app.request('GET', '/api/apps/crm/chart-forms', { token: rep1 })).status).toBe(
      403,
    );
  });
});

async function countDashboards(): Promise<number> {
  const [row] = (await app.db.query('SELECT count(*)::int AS n FROM dashboards')) as {
    n: number;
  }[];
  return row!.n;
}

async function auditCount(): Promise<number> {
  const [row] = (await app.db.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'dashboard'`,
  )) as { n: number }[];
  return row!.n;
}
