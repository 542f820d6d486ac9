import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { startTestApp, type TestApp } from './support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

// Issue 9: /api/health, /api/ready, request ids, /metrics (protected) and the same
// figures as JSON for the admin page, each figure checked against the database.

const METRICS_TOKEN = 'ops-metrics-token-0123456789';
let app: TestApp;
let receiver: WebhookReceiver;
let admin: string;
let rep: string;

beforeAll(async () => {
  app = await startTestApp({ env: { LIUYUN_METRICS_TOKEN: METRICS_TOKEN } });
  receiver = await startWebhookReceiver();
  admin = await app.login('admin');
  rep = await app.login('rep1');
});

afterAll(async () => {
  await app.close();
  await receiver.close();
});

async function scrape(token: string): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(`${app.baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    text: await res.text(),
    type: res.headers.get('content-type') ?? '',
  };
}

/** The value of one sample line of the exposition, e.g. `liuyun_open_tasks`. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  if (!line) throw new Error(`no sample ${name}${labels}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('health and readiness', () => {
  it('health: alive, no sign-in', async () => {
    const res = await app.request('GET', '/api/health');
    expect(res).toEqual({ status: 200, body: { status: 'ok', database: expect.any(String) } });
  });

  it('ready: database, migrations current; this test process runs no workers', async () => {
    const res = await app.request('GET', '/api/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ready: true,
      role: 'all',
      checks: {
        database: 'ok',
        migrations: { state: 'current', pending: [] },
        workers: 'not_in_this_process',
        stopping: false,
      },
    });
  });

  it('not ready (503, same checks in the envelope) while a migration is missing', async () => {
    const hide = (from: string, to: string) =>
      app.db.query('UPDATE schema_migrations SET name = $2 WHERE name = $1', [from, to]);
    await hide('OperationsRequestId1765400000000', 'hidden-by-test');
    try {
      const res = await app.request<{
        error: { status: number; code: string; details: unknown[] };
      }>('GET', '/api/ready');
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        status: 503,
        code: 'not_ready',
        details: [
          {
            ready: false,
            checks: {
              migrations: { state: 'pending', pending: ['OperationsRequestId1765400000000'] },
            },
          },
        ],
      });
    } finally {
      await hide('hidden-by-test', 'OperationsRequestId1765400000000');
    }
    expect((await app.request('GET', '/api/ready')).status).toBe(200);
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const given = await fetch(`${app.baseUrl}/api/health`, {
      headers: { 'x-request-id': 'lb-7f3a.42' },
    });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const made = await fetch(`${app.baseUrl}/api/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${app.baseUrl}/api/health`, {
      headers: { 'x-request-id': 'bad id with spaces <script>' },
    });
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is stored with the jobs a request’s step enqueues', async () => {
    const forms: { id: string; key: string }[] = await app.db.query('SELECT id, key FROM forms');
    const quote = forms.find((f) => f.key === 'quote')!;
    const res = await fetch(`${app.baseUrl}/api/forms/${quote.id}/records`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${rep}`,
        'content-type': 'application/json',
        'x-request-id': 'ops-quote-1',
      },
      body: JSON.stringify({
        data: {
          customer_name: 'Request id Ltd',
          items: [{ product: 'Seat', quantity: 1, unit_price: 100, discount_pct: 0 }],
          discount_pct: 15,
          reason: 'Carried into the deadline timer.',
        },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const jobs: { kind: string; request_id: string }[] = await app.db.query(
      `SELECT j.kind, j.request_id FROM jobs j JOIN process_instances pi ON pi.id = j.instance_id WHERE pi.record_id = $1`,
      [id],
    );
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.request_id === 'ops-quote-1')).toBe(true);
  });
});

describe('/metrics', () => {
  it('asks for a token; a non-admin is refused; the metrics token and an admin may read', async () => {
    const none = await fetch(`${app.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await scrape('not-a-token')).status).toBe(401);
    expect((await scrape(rep)).status).toBe(403);
    const byToken = await scrape(METRICS_TOKEN);
    expect(byToken.status).toBe(200);
    expect(byToken.type).toContain('text/plain');
    expect((await scrape(admin)).status).toBe(200);
  });

  it('HTTP latency by route pattern, never by raw path', async () => {
    const records: { id: string }[] = await app.db.query('SELECT id FROM records LIMIT 2');
    for (const r of records) await app.request('GET', `/api/records/${r.id}`, { token: admin });
    const { text } = await scrape(METRICS_TOKEN);
    expect(
      sample(
        text,
        'liuyun_http_request_duration_seconds_count',
        '{method="GET",route="/api/records/:id",status="200"}',
      ),
    ).toBe(records.length);
    expect(text).not.toContain(records[0]!.id);
  });

  it('open tasks, incidents, outbox and timer lag, jobs, pool — as the database has them', async () => {
    const queue = app.liuyun.app.get(JobQueue);
    // One outbox delivery due 90 s ago, and one timer 45 s late.
    await app.db.transaction(async (m) => {
      await queue.enqueue(m, {
        kind: 'webhook',
        key: 'ops-lag-webhook',
        payload: { url: `${receiver.url}/lag`, method: 'POST', body: {} },
        runAt: new Date(Date.now() - 90_000),
      });
      await queue.enqueue(m, {
        kind: 'timer',
        key: 'ops-lag-timer',
        payload: { instanceId: '00000000-0000-4000-8000-000000000000', timerKey: 'none' },
        runAt: new Date(Date.now() - 45_000),
      });
    });
    const { text } = await scrape(METRICS_TOKEN);
    const [db] = (await app.db.query(
      `SELECT (SELECT count(*)::int FROM tasks WHERE status = 'open') AS tasks,
              (SELECT count(*)::int FROM incidents WHERE status = 'open') AS incidents`,
    )) as { tasks: number; incidents: number }[];
    expect(sample(text, 'liuyun_open_tasks')).toBe(db!.tasks);
    expect(db!.tasks).toBeGreaterThan(0);
    expect(sample(text, 'liuyun_open_incidents')).toBe(db!.incidents);
    expect(sample(text, 'liuyun_outbox_due')).toBe(1);
    expect(sample(text, 'liuyun_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'liuyun_timers_due')).toBe(1);
    expect(sample(text, 'liuyun_timer_lag_seconds')).toBeGreaterThanOrEqual(45);
    expect(sample(text, 'liuyun_timer_lag_seconds')).toBeLessThan(90);
    const poolMax = sample(text, 'liuyun_db_pool_connections', '{state="max"}');
    expect(poolMax).toBe(process.env.DATABASE_URL ? 10 : 1);
    expect(sample(text, 'liuyun_db_pool_connections', '{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'liuyun_db_pool_connections', '{state="total"}')).toBeLessThanOrEqual(
      poolMax,
    );

    // Delivered: the lag is gone. The unknown timer completes quietly.
    receiver.answerWith([], 200);
    await app.worker.drain();
    const after = await scrape(METRICS_TOKEN);
    expect(sample(after.text, 'liuyun_outbox_due')).toBe(0);
    expect(sample(after.text, 'liuyun_outbox_lag_seconds')).toBe(0);
    expect(sample(after.text, 'liuyun_timers_due')).toBe(0);
  });

  it('job retries are counted; a job failing for good raises the incident gauge', async () => {
    const queue = app.liuyun.app.get(JobQueue);
    receiver.answerWith([500], 200);
    await app.db.transaction((m) =>
      queue.enqueue(m, {
        kind: 'webhook',
        key: 'ops-retry-1',
        payload: { url: `${receiver.url}/retry`, method: 'POST', body: {} },
        maxAttempts: 2,
      }),
    );
    const before = await scrape(METRICS_TOKEN);
    const retriesBefore = before.text.includes('liuyun_job_retries_total{kind="webhook"}')
      ? sample(before.text, 'liuyun_job_retries_total', '{kind="webhook"}')
      : 0;
    expect(await app.worker.runOnce()).toBe(1);
    const mid = await scrape(METRICS_TOKEN);
    expect(sample(mid.text, 'liuyun_job_retries_total', '{kind="webhook"}')).toBe(
      retriesBefore + 1,
    );
    expect(sample(mid.text, 'liuyun_jobs', '{state="waiting_retry"}')).toBe(1);

    receiver.answerWith([500], 500);
    const incidentsBefore = sample(mid.text, 'liuyun_open_incidents');
    await app.worker.runOnce({ asOf: new Date(Date.now() + 3600_000) });
    const end = await scrape(METRICS_TOKEN);
    expect(sample(end.text, 'liuyun_open_incidents')).toBe(incidentsBefore + 1);
    expect(sample(end.text, 'liuyun_jobs', '{state="failed"}')).toBe(1);
    expect(
      sample(end.text, 'liuyun_jobs_processed_total', '{kind="webhook",outcome="incident"}'),
    ).toBe(1);
  });
});

describe('/api/admin/metrics', () => {
  it('the same figures as JSON, for administrators only', async () => {
    expect((await app.request('GET', '/api/admin/metrics', { token: rep })).status).toBe(403);
    expect((await app.request('GET', '/api/admin/metrics')).status).toBe(401);
    const res = await app.request<{
      process: { role: string; workers: boolean };
      database: { openTasks: number; openIncidents: number; pool: { max: number } };
      jobRetriesTotal: number;
      http: {
        method: string;
        route: string;
        count: number;
        meanMs: number;
        p95Ms: number | null;
      }[];
    }>('GET', '/api/admin/metrics', { token: admin });
    expect(res.status).toBe(200);
    const { text } = await scrape(METRICS_TOKEN);
    expect(res.body.database.openTasks).toBe(sample(text, 'liuyun_open_tasks'));
    expect(res.body.database.openIncidents).toBe(sample(text, 'liuyun_open_incidents'));
    expect(res.body.database.pool.max).toBe(
      sample(text, 'liuyun_db_pool_connections', '{state="max"}'),
    );
    expect(res.body.jobRetriesTotal).toBe(
      sample(text, 'liuyun_job_retries_total', '{kind="webhook"}'),
    );
    expect(res.body.process).toMatchObject({ role: 'all', workers: false });
    const recordRoute = res.body.http.find(
      (h) => h.route === '/api/records/:id' && h.method === 'GET',
    );
    expect(recordRoute).toMatchObject({ count: 2 });
    expect(recordRoute!.meanMs).toBeGreaterThan(0);
    expect(recordRoute!.p95Ms).toBeGreaterThan(0);
  });
});
