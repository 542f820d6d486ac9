import { edge, flow, Lab, node } from '../test/support/lab-app';
import { startTestApp, type TestApp } from '../test/support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../test/support/webhook-receiver';

// R1 and R2 of QUALITY.md, on the Postgres server (this project runs only with DATABASE_URL).
let app: TestApp;
let lab: Lab;
let receiver: WebhookReceiver;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  receiver = await startWebhookReceiver();
  lab = new Lab(app);
  await lab.setUp();
});

afterAll(async () => {
  await app.close();
  await receiver.close();
});

const count = async (sql: string, params: unknown[]): Promise<number> => {
  const rows: { n: number }[] = await app.db.query(sql, params);
  return rows[0]!.n;
};

it('R1: 200 concurrent completions of one approval task: 1 success, 199 conflicts; one token, one audit row, one outbox row', async () => {
  await lab.publish(
    flow(
      'r1',
      [
        node.start(),
        node.approval('ok', ['manager1']),
        node.of('hook', 'webhook', { url: `${receiver.url}/r1`, method: 'POST' }),
        node.end(),
      ],
      [edge('start', 'ok'), edge('ok', 'hook', { outcome: 'approve' }), edge('hook', 'end')],
    ),
  );
  const record = await lab.submit('rep1', { title: 'R1' });
  const task = await lab.taskOf(record.id, 'manager1');
  const token = await lab.token('manager1');
  const answers = await Promise.all(
    Array.from({ length: 200 }, () =>
      app.request('POST', `/api/tasks/${task.id}/actions`, { token, body: { action: 'approve' } }),
    ),
  );
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(199);
  const instanceId = (await lab.record(record.id)).process!.id;
  expect(
    await count(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'task.approve' AND entity_id = $1`,
      [task.id],
    ),
  ).toBe(1);
  expect(
    await count(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'webhook' AND instance_id = $1`, [
      instanceId,
    ]),
  ).toBe(1);
  const view = await lab.record(record.id);
  expect(view.process?.path.filter((p) => p.nodeId === 'hook')).toHaveLength(1);
  expect(view.process).toMatchObject({
    status: 'completed',
    outcome: 'approved',
    activeNodeIds: [],
  });
});

it('R2: countersign of 5 on 200 instances, 1,000 approvals at once: each advances once, after exactly 5', async () => {
  const approvers = ['admin', 'director1', 'manager1', 'rep1', 'rep2'];
  await lab.publish(
    flow(
      'r2',
      [
        node.start(),
        node.approval('cs', approvers, { mode: 'all' }),
        node.of('mark', 'update_record', { set: { status: 'done' } }),
        node.end(),
      ],
      [edge('start', 'cs'), edge('cs', 'mark', { outcome: 'approve' }), edge('mark', 'end')],
    ),
  );
  const records = [];
  for (let i = 0; i < 200; i++) records.push(await lab.submit('rep2', { title: `R2 ${i}` }));
  const ids = records.map((r) => r.id);
  const tasks: { id: string; username: string }[] = await app.db.query(
    `SELECT t.id, u.username FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE t.record_id = ANY($1::uuid[]) AND t.status = 'open'`,
    [ids],
  );
  expect(tasks).toHaveLength(1000);
  const tokens = new Map(
    await Promise.all(approvers.map(async (u) => [u, await lab.token(u)] as const)),
  );
  const answers = await Promise.all(
    tasks.map((t) =>
      app.request('POST', `/api/tasks/${t.id}/actions`, {
        token: tokens.get(t.username)!,
        body: { action: 'approve' },
      }),
    ),
  );
  expect(answers.filter((a) => a.status === 200)).toHaveLength(1000);
  const perRecord: { record_id: string; completed: number; marked: number; approvals: number }[] =
    await app.db.query(
      `SELECT r.id AS record_id,
            (SELECT count(*)::int FROM record_events e WHERE e.record_id = r.id AND e.type = 'process_completed') AS completed,
            (SELECT count(*)::int FROM record_events e WHERE e.record_id = r.id AND e.type = 'record_updated' AND e.node_id = 'mark') AS marked,
            (SELECT count(*)::int FROM tasks t WHERE t.record_id = r.id AND t.status = 'completed' AND t.action = 'approve') AS approvals
       FROM records r WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
  expect(perRecord).toHaveLength(200);
  for (const row of perRecord)
    expect({ ...row, record_id: '' }).toEqual({
      record_id: '',
      completed: 1,
      marked: 1,
      approvals: 5,
    });
});

it('R2: a reject among concurrent approvals wins by policy', async () => {
  const records = [];
  for (let i = 0; i < 40; i++) records.push(await lab.submit('rep2', { title: `R2 reject ${i}` }));
  const ids = records.map((r) => r.id);
  const tasks: { id: string; username: string }[] = await app.db.query(
    `SELECT t.id, u.username FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE t.record_id = ANY($1::uuid[]) AND t.status = 'open'`,
    [ids],
  );
  const tokens = new Map<string, string>();
  for (const t of tasks)
    if (!tokens.has(t.username)) tokens.set(t.username, await lab.token(t.username));
  await Promise.all(
    tasks.map((t) =>
      app.request('POST', `/api/tasks/${t.id}/actions`, {
        token: tokens.get(t.username)!,
        body: { action: t.username === 'director1' ? 'reject' : 'approve' },
      }),
    ),
  );
  const outcomes: { outcome: string; n: number }[] = await app.db.query(
    `SELECT outcome, count(*)::int AS n FROM process_instances WHERE record_id = ANY($1::uuid[]) GROUP BY outcome`,
    [ids],
  );
  expect(outcomes).toEqual([{ outcome: 'rejected', n: 40 }]);
  const completedTwice: { n: number }[] = await app.db.query(
    `SELECT count(*)::int AS n FROM (SELECT record_id FROM record_events WHERE record_id = ANY($1::uuid[]) AND type = 'process_completed'
       GROUP BY record_id HAVING count(*) <> 1) x`,
    [ids],
  );
  expect(completedTwice[0]!.n).toBe(0);
  const open: { n: number }[] = await app.db.query(
    `SELECT count(*)::int AS n FROM tasks WHERE record_id = ANY($1::uuid[]) AND status = 'open'`,
    [ids],
  );
  expect(open[0]!.n).toBe(0);
});
