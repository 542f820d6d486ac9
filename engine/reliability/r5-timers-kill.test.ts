import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { edge, flow, Lab, node } from '../test/support/lab-app';
import { EngineProcess, sqlReader } from './support/engine-process';

// R5: 1,000 timers due at once, 3 engine processes, one killed mid-batch.
let database: TestDatabase;
let engines: EngineProcess[];
let db: ReturnType<typeof sqlReader>;

beforeAll(async () => {
  database = await createTestDatabase();
  engines = [0, 1, 2].map(() => new EngineProcess(database.url!));
  for (const e of engines) await e.start();
  db = sqlReader(database.url!);
});

afterAll(async () => {
  await db.end();
  for (const e of engines) await e.stop();
  await database.drop();
});

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

it('R5: every timer’s effect commits exactly once, none before its creating transaction', async () => {
  const [a, b, c] = engines as [EngineProcess, EngineProcess, EngineProcess];
  const lab = new Lab({
    request: (m, p, o) => a.request(m, p, o),
    login: (u, pw) => a.login(u, pw),
    db,
  });
  await lab.setUp();
  await lab.publish(
    flow(
      'r5',
      [
        node.start(),
        node.of('pause', 'wait', { duration: { minutes: 1 } }),
        node.of('mark', 'update_record', { set: { status: 'done' } }),
        node.end(),
      ],
      [edge('start', 'pause'), edge('pause', 'mark'), edge('mark', 'end')],
    ),
  );
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const made = await Promise.all(
      Array.from({ length: 100 }, (_, j) => lab.submit('rep1', { title: `R5 ${i}-${j}` })),
    );
    ids.push(...made.map((r) => r.id));
  }
  const timers: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM jobs j JOIN process_instances pi ON pi.id = j.instance_id
      WHERE j.kind = 'timer' AND j.status = 'pending' AND pi.record_id = ANY($1::uuid[])`,
    [ids],
  );
  expect(timers[0]!.n).toBe(1000);

  // All three work the due timers at once; B is killed while its pass is in flight.
  const tokens = await Promise.all(engines.map((e) => e.login('admin')));
  const run = (e: EngineProcess, token: string, asOf: string) =>
    e
      .request<{ processed: number }>('POST', '/api/admin/jobs/run', {
        token,
        body: { asOf, limit: 100 },
      })
      .catch(() => null);
  const passB = run(b, tokens[1]!, later(2));
  const passA = run(a, tokens[0]!, later(2));
  const passC = run(c, tokens[2]!, later(2));
  await b.request('GET', '/api/health').catch(() => null);
  await b.kill9();
  await Promise.all([passA, passB, passC]);
  // The survivors go on; past B's lease they take over what it had claimed.
  for (let pass = 0; pass < 40; pass++) {
    const [ra, rc] = await Promise.all([
      run(a, tokens[0]!, later(10)),
      run(c, tokens[2]!, later(10)),
    ]);
    if ((ra?.body.processed ?? 0) + (rc?.body.processed ?? 0) === 0) break;
  }

  const rows: { status: string; marks: number; started_seq: string; marked_seq: string | null }[] =
    await db.query(
      `SELECT pi.status,
            (SELECT count(*)::int FROM record_events e WHERE e.record_id = pi.record_id AND e.node_id = 'mark') AS marks,
            (SELECT min(seq) FROM record_events e WHERE e.record_id = pi.record_id AND e.type = 'process_started') AS started_seq,
            (SELECT min(seq) FROM record_events e WHERE e.record_id = pi.record_id AND e.node_id = 'mark') AS marked_seq
       FROM process_instances pi WHERE pi.record_id = ANY($1::uuid[])`,
      [ids],
    );
  expect(rows).toHaveLength(1000);
  expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
  expect(rows.filter((r) => r.marks !== 1)).toEqual([]);
  expect(
    rows.filter((r) => r.marked_seq === null || BigInt(r.marked_seq) <= BigInt(r.started_seq)),
  ).toEqual([]);
  const jobs: { status: string; n: number }[] = await db.query(
    `SELECT j.status, count(*)::int AS n FROM jobs j JOIN process_instances pi ON pi.id = j.instance_id
      WHERE j.kind = 'timer' AND pi.record_id = ANY($1::uuid[]) GROUP BY j.status`,
    [ids],
  );
  expect(jobs).toEqual([{ status: 'done', n: 1000 }]);
});
