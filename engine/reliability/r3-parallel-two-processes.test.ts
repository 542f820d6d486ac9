import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { edge, flow, Lab, node } from '../test/support/lab-app';
import { EngineProcess, spread, sqlReader } from './support/engine-process';

// R3: parallel split/join of 3 branches, 500 instances, 2 engine processes on one database.
let database: TestDatabase;
let engines: EngineProcess[];
let db: ReturnType<typeof sqlReader>;

beforeAll(async () => {
  database = await createTestDatabase();
  engines = [new EngineProcess(database.url!), new EngineProcess(database.url!)];
  await engines[0]!.start(); // the first migrates and seeds; the second finds it done
  await engines[1]!.start();
  db = sqlReader(database.url!);
});

afterAll(async () => {
  await db.end();
  for (const e of engines) await e.stop();
  await database.drop();
});

it('R3: each join fires once and no token is left behind', async () => {
  const target = spread(engines, db);
  const lab = new Lab(target);
  await lab.setUp();
  await lab.publish(
    flow(
      'r3',
      [
        node.start(),
        node.of('split', 'parallel_split', {}),
        node.approval('b1', ['manager1']),
        node.approval('b2', ['director1']),
        node.approval('b3', ['rep2']),
        node.of('join', 'parallel_join', {}),
        node.of('mark', 'update_record', { set: { status: 'done' } }),
        node.end(),
      ],
      [
        edge('start', 'split'),
        edge('split', 'b1'),
        edge('split', 'b2'),
        edge('split', 'b3'),
        edge('b1', 'join', { outcome: 'approve' }),
        edge('b2', 'join', { outcome: 'approve' }),
        edge('b3', 'join', { outcome: 'approve' }),
        edge('join', 'mark'),
        edge('mark', 'end'),
      ],
    ),
  );
  const ids: string[] = [];
  const submitters = ['rep1', 'manager1'];
  for (let batch = 0; batch < 10; batch++) {
    const made = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        lab.submit(submitters[i % 2]!, { title: `R3 ${batch}-${i}` }),
      ),
    );
    ids.push(...made.map((r) => r.id));
  }
  expect(ids).toHaveLength(500);

  const tasks: { id: string; username: string }[] = await db.query(
    `SELECT t.id, u.username FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE t.record_id = ANY($1::uuid[]) AND t.status = 'open'`,
    [ids],
  );
  expect(tasks).toHaveLength(1500);
  const tokens = new Map<string, string>();
  for (const u of ['manager1', 'director1', 'rep2']) tokens.set(u, await lab.token(u));
  // 1,500 decisions spread over both processes, 100 in flight at a time.
  for (let i = 0; i < tasks.length; i += 100) {
    const answers = await Promise.all(
      tasks.slice(i, i + 100).map((t) =>
        target.request('POST', `/api/tasks/${t.id}/actions`, {
          token: tokens.get(t.username)!,
          body: { action: 'approve' },
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  }

  const rows: { joins: number; marks: number; status: string; tokens: number }[] = await db.query(
    `SELECT (SELECT count(*)::int FROM jsonb_array_elements(pi.state->'path') p WHERE p->>'nodeId' = 'join') AS joins,
            (SELECT count(*)::int FROM record_events e WHERE e.record_id = pi.record_id AND e.node_id = 'mark') AS marks,
            pi.status, jsonb_array_length(pi.state->'tokens') AS tokens
       FROM process_instances pi WHERE pi.record_id = ANY($1::uuid[])`,
    [ids],
  );
  expect(rows).toHaveLength(500);
  const summary = rows.reduce<Record<string, number>>((acc, r) => {
    const k = `${r.status} joins=${r.joins} marks=${r.marks} tokens=${r.tokens}`;
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});
  // The join is entered once per arriving branch; it fires (passes on) once: one mark.
  expect(Object.keys(summary)).toHaveLength(1);
  expect(rows.every((r) => r.status === 'completed' && r.marks === 1 && r.tokens === 0)).toBe(true);
});
