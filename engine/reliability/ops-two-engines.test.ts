import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { EngineProcess, spread, sqlReader } from './support/engine-process';

// Issue 9, the topology of docs/operations.md without Docker: two engine processes (role
// all, workers on) on one Postgres server, requests sent to each in turn as a load
// balancer would. A quote submitted through one is approved through the other, and a
// timer due while both workers poll fires exactly once.

let database: TestDatabase;
let a: EngineProcess;
let b: EngineProcess;
let db: ReturnType<typeof sqlReader>;

const env = { LIUYUN_WORKERS: '1', LIUYUN_WORKER_POLL_MS: '100', LIUYUN_LOG_LEVEL: 'debug' };

beforeAll(async () => {
  database = await createTestDatabase();
  a = new EngineProcess(database.url!, env);
  b = new EngineProcess(database.url!, env);
  await Promise.all([a.start(), b.start()]);
  db = sqlReader(database.url!);
});

afterAll(async () => {
  await db.end();
  for (const e of [a, b]) await e.stop();
  await database.drop();
});

const quote = (customer: string, discount: number) => ({
  data: {
    customer_name: customer,
    items: [{ product: 'CRM seats', quantity: 10, unit_price: 1000, discount_pct: 0 }],
    discount_pct: discount,
    reason: 'Two-engine topology test.',
  },
});

interface RecordAnswer {
  id: string;
  data: { status?: string };
  tasks?: { id: string; status: string; nodeId: string; assignee?: { username: string } }[];
}

it('both processes are ready and serve requests in turn', async () => {
  const target = spread([a, b], db);
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => target.request('GET', '/api/ready')),
  );
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  for (const e of [a, b]) {
    const ready = await e.request<{ checks: { workers: string } }>('GET', '/api/ready');
    expect(ready.body.checks.workers).toBe('running');
  }
});

it('a quote submitted through one process is approved through the other', async () => {
  const forms: { id: string }[] = await db.query(`SELECT id FROM forms WHERE key = 'quote'`);
  const formId = forms[0]!.id;
  const submitted = await a.request<RecordAnswer>('POST', `/api/forms/${formId}/records`, {
    token: await a.login('rep1'),
    body: quote('Topology Ltd', 15),
  });
  expect(submitted.status).toBe(201);
  // Read and decide through B: the sign-in from A is valid there (one secret, one database).
  const managerToken = await a.login('manager1');
  const seen = await b.request<RecordAnswer>('GET', `/api/records/${submitted.body.id}`, {
    token: managerToken,
  });
  expect(seen.status).toBe(200);
  const task = seen.body.tasks!.find(
    (t) => t.status === 'open' && t.assignee?.username === 'manager1',
  )!;
  const decided = await b.request('POST', `/api/tasks/${task.id}/actions`, {
    token: managerToken,
    body: { action: 'approve', comment: 'Approved through the second process.' },
  });
  expect(decided.status).toBe(200);
  const after = await a.request<RecordAnswer>('GET', `/api/records/${submitted.body.id}`, {
    token: managerToken,
  });
  expect(after.body.data.status).toBe('approved');
  const instances: { status: string; outcome: string }[] = await db.query(
    'SELECT status, outcome FROM process_instances WHERE record_id = $1',
    [submitted.body.id],
  );
  expect(instances).toEqual([{ status: 'completed', outcome: 'approved' }]);
  // Each process logged its own half of the work.
  expect(a.output).toMatch(/"route":"\/api\/forms\/:formId\/records","status":201/);
  expect(b.output).toMatch(/"route":"\/api\/tasks\/:taskId\/actions","status":200/);
});

it('a due timer fires once while both workers poll', async () => {
  const forms: { id: string }[] = await db.query(`SELECT id FROM forms WHERE key = 'quote'`);
  const submitted = await b.request<RecordAnswer>('POST', `/api/forms/${forms[0]!.id}/records`, {
    token: await b.login('rep2'),
    body: quote('Timer Co', 25),
  });
  expect(submitted.status).toBe(201);
  const timers: { id: string; key: string }[] = await db.query(
    `SELECT j.id, j.idempotency_key AS key FROM jobs j JOIN process_instances pi ON pi.id = j.instance_id
      WHERE pi.record_id = $1 AND j.kind = 'timer' AND j.status = 'pending'`,
    [submitted.body.id],
  );
  expect(timers).toHaveLength(1);
  // The database clock: the manager's deadline is due now.
  await db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [timers[0]!.id]);
  const jobLine = new RegExp(
    `"jobId":"${timers[0]!.id}".*"msg":"job done"|"msg":"job done".*"jobId":"${timers[0]!.id}"`,
  );
  const fired = await Promise.race([a.waitForOutput(jobLine), b.waitForOutput(jobLine)]);
  expect(JSON.parse(fired)).toMatchObject({ kind: 'timer', jobId: timers[0]!.id });

  const job: { status: string; attempts: number }[] = await db.query(
    'SELECT status, attempts FROM jobs WHERE id = $1',
    [timers[0]!.id],
  );
  expect(job).toEqual([{ status: 'done', attempts: 1 }]);
  const notified: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM notifications n JOIN process_instances pi ON pi.id = n.instance_id
      WHERE pi.record_id = $1 AND n.reason IN ('remind', 'deadline')`,
    [submitted.body.id],
  );
  expect(notified[0]!.n).toBe(1);
  // Only one of the two processes ran it.
  const ranBy = [a, b].filter((e) => jobLine.test(e.output));
  expect(ranBy).toHaveLength(1);
});
