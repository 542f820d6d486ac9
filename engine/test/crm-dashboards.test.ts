import type { ChartData } from '../src/modules/analytics/chart-evaluator.service';
import type { DashboardData, DashboardSummary } from '../src/modules/analytics/dashboards.service';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let admin: string;
let dashboards: DashboardSummary[];

beforeAll(async () => {
  app = await startTestApp({ demo: true, history: true });
  admin = await app.login('admin');
  const list = await app.request<DashboardSummary[]>('GET', '/api/apps/crm/dashboards', {
    token: admin,
  });
  expect(list.status).toBe(200);
  dashboards = list.body;
  // Loading the quarter of history takes a while on a busy machine.
}, 300_000);

afterAll(async () => {
  await app.close();
});

async function charts(key: string): Promise<Map<string, ChartData>> {
  const id = dashboards.find((d) => d.key === key)?.id;
  expect(id).toBeDefined();
  const res = await app.request<DashboardData>('GET', `/api/dashboards/${id}/data`, {
    token: admin,
  });
  expect(res.status).toBe(200);
  return new Map(
    res.body.charts.map((c) => {
      if (!('rows' in c)) throw new Error(`chart ${c.chartId} failed: ${JSON.stringify(c)}`);
      return [c.chartId, c];
    }),
  );
}

const one = (c: Map<string, ChartData>, id: string): number => {
  const v = c.get(id)?.rows[0]?.value;
  if (typeof v !== 'number') throw new Error(`chart ${id} has no value`);
  return v;
};

/** Every chart has figures; every percentage lies in 0–100. */
function expectFilled(c: Map<string, ChartData>): void {
  for (const [id, chart] of c) {
    expect({ id, rows: chart.rows.length > 0 }).toEqual({ id, rows: true });
    expect({
      id,
      some: chart.rows.some((r) => typeof r.value === 'number' && r.value > 0),
    }).toEqual({ id, some: true });
    if (chart.unit === 'percent')
      for (const r of chart.rows) if (r.value !== null) expect(r.value).toBeLessThanOrEqual(100);
  }
}

const sql = async (query: string): Promise<number> => {
  const [row] = (await app.db.query(query)) as { v: number | string }[];
  return Number(row!.v);
};
const ofForm = (key: string) =>
  `FROM records r JOIN forms f ON f.id = r.form_id WHERE f.key = '${key}'`;

it('lead funnel: steps narrow down, conversion rate from the leads', async () => {
  const c = await charts('lead_funnel');
  expectFilled(c);
  const steps = c.get('funnel')!.rows.map((r) => r.value ?? 0);
  expect(steps).toEqual([...steps].sort((a, b) => b - a));
  const converted = await sql(
    `SELECT count(*) AS v ${ofForm('lead')} AND r.data->>'status' = 'converted'`,
  );
  const leads = await sql(`SELECT count(*) AS v ${ofForm('lead')}`);
  expect(one(c, 'lead_conversion_rate')).toBeCloseTo((converted / leads) * 100, 6);
});

it('pipeline: every stage, and the win rate of the closed deals', async () => {
  const c = await charts('sales_pipeline');
  expectFilled(c);
  expect(
    c
      .get('count_by_stage')!
      .rows.map((r) => r.key)
      .sort(),
  ).toEqual(['initial', 'lost', 'needs', 'negotiation', 'proposal', 'won']);
  const won = await sql(
    `SELECT count(*) AS v ${ofForm('opportunity')} AND r.data->>'stage' = 'won'`,
  );
  const lost = await sql(
    `SELECT count(*) AS v ${ofForm('opportunity')} AND r.data->>'stage' = 'lost'`,
  );
  expect(one(c, 'win_rate')).toBeCloseTo((won / (won + lost)) * 100, 6);
});

it('receivables: signed = received + receivable, with overdue instalments', async () => {
  const c = await charts('receivables');
  expectFilled(c);
  expect(one(c, 'received') + one(c, 'receivable')).toBeCloseTo(one(c, 'contract_amount'), 2);
  expect(one(c, 'overdue_count')).toBeGreaterThan(0);
});

it('customer value: CAC and CLV as money per customer, churn rate as a percentage', async () => {
  const c = await charts('customer_value');
  expectFilled(c);
  const cost = await sql(
    `SELECT sum((r.data->>'actual_cost')::numeric) AS v ${ofForm('campaign')}`,
  );
  const customers = await sql(`SELECT count(*) AS v ${ofForm('customer')}`);
  expect(one(c, 'cac')).toBeCloseTo(cost / customers, 6);
  expect(c.get('cac')?.unit).toBe('money');
  const received = await sql(
    `SELECT sum((r.data->>'received_amount')::numeric) AS v ${ofForm('payment')}`,
  );
  expect(one(c, 'clv')).toBeCloseTo(received / customers, 6);
  expect(c.get('clv')?.unit).toBe('money');
  expect(one(c, 'churn_rate')).toBeGreaterThan(0);
  expect(one(c, 'churn_rate')).toBeLessThan(50);
  expect(c.get('churn_rate')?.unit).toBe('percent');
});

it('service: satisfaction scores between 1 and 5', async () => {
  const c = await charts('service_satisfaction');
  expectFilled(c);
  expect(one(c, 'avg_satisfaction')).toBeGreaterThanOrEqual(1);
  expect(one(c, 'avg_satisfaction')).toBeLessThanOrEqual(5);
  for (const r of c.get('satisfaction_distribution')!.rows)
    expect(Number(r.key)).toBeGreaterThanOrEqual(1);
});

it('approvals: hours spent at each approval node of quotes and contracts', async () => {
  const c = await charts('quote_approvals');
  const quoteNodes = c.get('approval_hours_by_node')!.rows;
  expect(quoteNodes.map((r) => r.key).sort()).toEqual(['director_approval', 'manager_approval']);
  const contractNodes = c.get('contract_hours_by_node')!.rows;
  expect(contractNodes.map((r) => r.key).sort()).toEqual([
    'director_approval',
    'finance_review',
    'legal_review',
  ]);
  for (const r of [...quoteNodes, ...contractNodes]) {
    expect(r.value).toBeGreaterThan(0);
    expect(r.value).toBeLessThan(72);
  }
  expect(one(c, 'approval_rate')).toBeGreaterThan(50);
});
