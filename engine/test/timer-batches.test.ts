import { edge, flow, Lab, node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';

// Due timers of one claim fire in one transaction; a batch with a failing timer rolls
// back whole and its timers fire one by one, so only the failing one is retried.
// Time moves through the worker's database clock (`asOf`), never by waiting.
let app: TestApp;
let lab: Lab;
const hoursLater = (h: number) => new Date(Date.now() + h * 3600 * 1000);

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  lab = new Lab(app);
  await lab.setUp();
  await lab.publish(
    flow(
      'pause',
      [
        node.start(),
        node.of('pause', 'wait', { duration: { hours: 2 } }),
        node.of('mark', 'update_record', { set: { status: 'done' } }),
        node.end(),
      ],
      [edge('start', 'pause'), edge('pause', 'mark'), edge('mark', 'end')],
    ),
  );
});

afterAll(async () => {
  await app.close();
});

interface TimerRow {
  instance_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  updated_at: Date;
}

/** Waiting instances of fresh records, with no other job due beside their timers. */
async function waitingInstances(count: number): Promise<string[]> {
  await app.db.query(`UPDATE jobs SET status = 'cancelled' WHERE status = 'pending'`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await lab.submit('rep1', { title: `batch ${i}` });
    ids.push((await lab.record(r.id)).process!.id);
  }
  return ids;
}

async function timersOf(instanceIds: string[]): Promise<TimerRow[]> {
  return app.db.query(
    `SELECT instance_id, status, attempts, last_error, updated_at FROM jobs
      WHERE kind = 'timer' AND instance_id = ANY($1::uuid[]) ORDER BY instance_id`,
    [instanceIds],
  );
}

async function instancesOf(instanceIds: string[]) {
  const rows: { id: string; status: string; version: number; marks: number }[] = await app.db.query(
    `SELECT pi.id, pi.status, pi.version,
              (SELECT count(*)::int FROM record_events e
                WHERE e.instance_id = pi.id AND e.node_id = 'mark') AS marks
         FROM process_instances pi WHERE pi.id = ANY($1::uuid[])`,
    [instanceIds],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

it('fires the due timers of one claim together, each exactly once', async () => {
  const ids = await waitingInstances(4);
  expect(await app.worker.runOnce({ asOf: hoursLater(1) })).toBe(0);

  expect(await app.worker.runOnce({ asOf: hoursLater(3) })).toBe(4);
  const timers = await timersOf(ids);
  expect(timers.map((t) => t.status)).toEqual(['done', 'done', 'done', 'done']);
  // One transaction: now() is the same for every job it marked done.
  expect(new Set(timers.map((t) => t.updated_at.getTime())).size).toBe(1);
  const instances = await instancesOf(ids);
  for (const id of ids) {
    expect(instances.get(id)).toMatchObject({ status: 'completed', version: 2, marks: 1 });
  }

  // Nothing fires twice.
  expect(await app.worker.drain({ asOf: hoursLater(100) })).toBe(0);
  const again = await instancesOf(ids);
  for (const id of ids) expect(again.get(id)?.marks).toBe(1);
});

it('a failing timer rolls its batch back; the others fire one by one, it alone retries', async () => {
  const ids = await waitingInstances(3);
  const [broken, ...healthy] = ids as [string, ...string[]];
  // Its timer no longer matches a waiting token (a damaged state): the step throws.
  await app.db.query(
    `UPDATE process_instances SET state = jsonb_set(state, '{tokens}', '[]') WHERE id = $1`,
    [broken],
  );

  expect(await app.worker.runOnce({ asOf: hoursLater(3) })).toBe(3);
  const timers = new Map((await timersOf(ids)).map((t) => [t.instance_id, t]));
  for (const id of healthy) expect(timers.get(id)).toMatchObject({ status: 'done', attempts: 1 });
  expect(timers.get(broken)).toMatchObject({ status: 'pending', attempts: 1 });
  expect(timers.get(broken)?.last_error).toMatch(/not pending/);

  const instances = await instancesOf(ids);
  for (const id of healthy) {
    expect(instances.get(id)).toMatchObject({ status: 'completed', version: 2, marks: 1 });
  }
  // The rolled-back batch left nothing of the broken instance's step behind.
  expect(instances.get(broken)).toMatchObject({ status: 'running', version: 1, marks: 0 });
});
