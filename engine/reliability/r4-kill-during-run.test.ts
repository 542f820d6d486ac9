import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { edge, flow, Lab, node } from '../test/support/lab-app';
import { startWebhookReceiver, type WebhookReceiver } from '../test/support/webhook-receiver';
import { EngineProcess, sqlReader } from './support/engine-process';
import { seeded } from './support/prng';

// R4: kill -9 of an engine process at random moments, 5 times, while 500 instances run
// task → webhook → record update → end; then restart. Nothing lost, nothing doubled.
let database: TestDatabase;
let a: EngineProcess;
let b: EngineProcess;
let db: ReturnType<typeof sqlReader>;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startWebhookReceiver();
  a = new EngineProcess(database.url!);
  b = new EngineProcess(database.url!);
  await a.start();
  await b.start();
  db = sqlReader(database.url!);
});

afterAll(async () => {
  await db.end();
  await a.stop();
  await b.stop();
  await receiver.close();
  await database.drop();
});

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

it('R4: 500/500 complete after 5 kills; each record updated once; 500 distinct idempotency keys', async () => {
  const random = seeded(4242);
  const lab = new Lab({
    request: (m, p, o) => b.request(m, p, o),
    login: (u, pw) => b.login(u, pw),
    db,
  });
  await lab.setUp();
  await lab.publish(
    flow(
      'r4',
      [
        node.start(),
        node.approval('ok', ['manager1']),
        node.of('hook', 'webhook', {
          url: `${receiver.url}/r4`,
          method: 'POST',
          body: { title: { var: 'title' } },
        }),
        node.of('mark', 'update_record', { set: { status: 'done' } }),
        node.end(),
      ],
      [
        edge('start', 'ok'),
        edge('ok', 'hook', { outcome: 'approve' }),
        edge('hook', 'mark'),
        edge('mark', 'end'),
      ],
    ),
  );
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const made = await Promise.all(
      Array.from({ length: 50 }, (_, j) => lab.submit('rep1', { title: `R4 ${i}-${j}` })),
    );
    ids.push(...made.map((r) => r.id));
  }
  const tasks: { id: string }[] = await db.query(
    `SELECT t.id FROM tasks t WHERE t.record_id = ANY($1::uuid[]) AND t.status = 'open' ORDER BY t.id`,
    [ids],
  );
  expect(tasks).toHaveLength(500);

  const killBatches = new Set<number>();
  while (killBatches.size < 5) killBatches.add(Math.floor(random() * 10));
  let kills = 0;
  for (let batch = 0; batch < 10; batch++) {
    const slice = tasks.slice(batch * 50, batch * 50 + 50);
    const killAfter = killBatches.has(batch) ? 1 + Math.floor(random() * 40) : -1;
    let answered = 0;
    let killing: Promise<void> | null = null;
    const tokenA = await a.login('manager1');
    const tokenB = await b.login('manager1');
    const admin = await a.login('admin');
    const calls = slice.map((t, i) => {
      const viaA = i % 2 === 0;
      const call = (viaA ? a : b)
        .request('POST', `/api/tasks/${t.id}/actions`, {
          token: viaA ? tokenA : tokenB,
          body: { action: 'approve' },
        })
        .catch(() => ({ status: 0, body: null }));
      return call.then((res) => {
        answered++;
        if (answered === killAfter) killing = a.kill9();
        return res;
      });
    });
    // A's worker delivers webhooks meanwhile, and may be killed in the middle of a pass.
    const pass = a
      .request('POST', '/api/admin/jobs/run', { token: admin, body: {} })
      .catch(() => null);
    await Promise.all([...calls, pass]);
    if (killing) {
      await killing;
      kills++;
      await a.start();
    }
  }
  expect(kills).toBe(5);

  // After the restarts: finish what was cut off, through either process.
  const left: { id: string }[] = await db.query(
    `SELECT id FROM tasks WHERE record_id = ANY($1::uuid[]) AND status = 'open'`,
    [ids],
  );
  const token = await b.login('manager1');
  for (const t of left) {
    const res = await b.request('POST', `/api/tasks/${t.id}/actions`, {
      token,
      body: { action: 'approve' },
    });
    expect(res.status).toBe(200);
  }
  const admin = await b.login('admin');
  // Leases of the killed worker run out (asOf past them); the survivors take the jobs over.
  for (let pass = 0; pass < 50; pass++) {
    const res = await b.request<{ processed: number }>('POST', '/api/admin/jobs/run', {
      token: admin,
      body: { asOf: later(5), limit: 200 },
    });
    if (res.body.processed === 0) break;
  }

  const rows: { status: string; marks: number }[] = await db.query(
    `SELECT pi.status, (SELECT count(*)::int FROM record_events e WHERE e.record_id = pi.record_id AND e.node_id = 'mark') AS marks
       FROM process_instances pi WHERE pi.record_id = ANY($1::uuid[])`,
    [ids],
  );
  expect(rows.filter((r) => r.status === 'completed')).toHaveLength(500);
  expect(rows.filter((r) => r.marks !== 1)).toEqual([]);
  const jobs: { status: string; n: number }[] = await db.query(
    `SELECT status, count(*)::int AS n FROM jobs WHERE kind = 'webhook' GROUP BY status`,
  );
  expect(jobs).toEqual([{ status: 'done', n: 500 }]);
  const keys = new Set(receiver.calls.map((c) => c.headers['idempotency-key']));
  expect(keys.size).toBe(500);
});
