import { MIGRATIONS } from '../src/database/data-source';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { edge, flow, Lab, node } from '../test/support/lab-app';
import { startWebhookReceiver, type WebhookReceiver } from '../test/support/webhook-receiver';
import { EngineProcess, sqlReader } from './support/engine-process';

// Issue 9: two API processes (--role=api, LIUYUN_ROLE=api) and a worker start at the same
// moment on one fresh database: migrations and first-start seeding happen once. The
// worker answers only probes; a request id given to the API process is found in the
// log lines of the step it ran and of the webhook job the worker delivered later.

let database: TestDatabase;
let api: EngineProcess;
let worker: EngineProcess;
let viaEnv: EngineProcess;
let db: ReturnType<typeof sqlReader>;
let receiver: WebhookReceiver;

const logs = { LIUYUN_LOG_LEVEL: 'debug', LIUYUN_WORKER_POLL_MS: '50' };

beforeAll(async () => {
  database = await createTestDatabase();
  api = new EngineProcess(database.url!, logs, ['--role=api']);
  worker = new EngineProcess(database.url!, { ...logs, LIUYUN_WORKERS: '' }, ['--role=worker']);
  viaEnv = new EngineProcess(database.url!, { ...logs, LIUYUN_ROLE: 'api' });
  await Promise.all([api.start(), worker.start(), viaEnv.start()]);
  db = sqlReader(database.url!);
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await db.end();
  await receiver.close();
  for (const e of [api, worker, viaEnv]) await e.stop();
  await database.drop();
});

function lines(e: EngineProcess): Record<string, unknown>[] {
  return e.output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

it('three processes started at once migrate and seed exactly once', async () => {
  const migrations: { name: string; n: number }[] = await db.query(
    'SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name',
  );
  expect(migrations.map((m) => m.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
  expect(migrations.every((m) => m.n === 1)).toBe(true);
  const counts: { apps: number; admins: number; samples: number }[] = await db.query(
    `SELECT (SELECT count(*)::int FROM apps) AS apps,
            (SELECT count(*)::int FROM users WHERE username = 'admin') AS admins,
            (SELECT count(*)::int FROM records) AS samples`,
  );
  // The demo history is loaded by exactly one of the three, once: the four fixed samples
  // plus the N records of the past that one process says it loaded.
  const historyLines = [api, worker, viaEnv].flatMap((e) =>
    lines(e)
      .map((l) => /Loaded (\d+) sample records of the past/.exec(String(l.msg)))
      .filter((m): m is RegExpExecArray => m !== null),
  );
  expect(historyLines).toHaveLength(1);
  const history = Number(historyLines[0]![1]);
  expect(history).toBeGreaterThan(100);
  expect(counts[0]).toEqual({ apps: 1, admins: 1, samples: 4 + history });
  // Each says in its log what it is.
  expect(
    lines(api).some((l) => String(l.msg).includes('role api: API and designer, no workers')),
  ).toBe(true);
  expect(lines(worker).some((l) => String(l.msg).includes('role worker: workers only'))).toBe(true);
  expect(lines(viaEnv).some((l) => String(l.msg).includes('role api:'))).toBe(true);
});

it('a worker process answers probes and metrics, nothing else; readiness tells the roles apart', async () => {
  expect((await worker.request('GET', '/api/health')).status).toBe(200);
  const ready = await worker.request<{ role: string; checks: { workers: string } }>(
    'GET',
    '/api/ready',
  );
  expect(ready.status).toBe(200);
  expect(ready.body).toMatchObject({ role: 'worker', checks: { workers: 'running' } });
  const refused = await worker.request<{ error: { code: string } }>('POST', '/api/auth/login', {
    body: { username: 'admin', password: 'demo' },
  });
  expect(refused.status).toBe(404);
  expect(refused.body.error.code).toBe('not_served_here');
  expect((await worker.request('GET', '/')).status).toBe(404);
  const apiReady = await api.request<{ role: string; checks: { workers: string } }>(
    'GET',
    '/api/ready',
  );
  expect(apiReady.body).toMatchObject({ role: 'api', checks: { workers: 'not_in_this_process' } });
  const metrics = await fetch(`${worker.baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${await api.login('admin')}` },
  });
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toContain('liuyun_process_info{role="worker",workers="true"} 1');
});

it('the request id of a submission is in the logs of its step and of the job the worker ran', async () => {
  const lab = new Lab({
    request: (m, p, o) => api.request(m, p, o),
    login: (u, pw) => api.login(u, pw),
    db,
  });
  await lab.setUp();
  await lab.publish(
    flow(
      'ops_logs',
      [
        node.start(),
        node.of('hook', 'webhook', { url: `${receiver.url}/ops`, method: 'POST' }),
        node.end(),
      ],
      [edge('start', 'hook'), edge('hook', 'end')],
    ),
  );
  receiver.answerWith([], 200);
  const submitted = await api.request<{ id: string }>(
    'POST',
    `/api/forms/${lab.formIds.get('request')}/records`,
    {
      token: await lab.token('rep1'),
      body: { data: { title: 'Logged' } },
      headers: { 'x-request-id': 'ops-logs-7' },
    },
  );
  expect(submitted.status).toBe(201);
  const jobs: { id: string; request_id: string }[] = await db.query(
    `SELECT j.id, j.request_id FROM jobs j JOIN process_instances pi ON pi.id = j.instance_id
      WHERE pi.record_id = $1 AND j.kind = 'webhook'`,
    [submitted.body.id],
  );
  expect(jobs).toEqual([{ id: expect.any(String), request_id: 'ops-logs-7' }]);

  // The worker delivers it and logs the job under the same request id.
  const done = JSON.parse(await worker.waitForOutput(/"msg":"job done"/)) as Record<
    string,
    unknown
  >;
  expect(done).toMatchObject({
    requestId: 'ops-logs-7',
    jobId: jobs[0]!.id,
    kind: 'webhook',
    level: 'debug',
  });
  expect(receiver.calls.filter((c) => c.path === '/ops')).toHaveLength(1);

  const apiLines = lines(api).filter((l) => l.requestId === 'ops-logs-7');
  expect(apiLines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ msg: 'process step', event: 'start', recordId: submitted.body.id }),
      expect.objectContaining({
        msg: 'request',
        method: 'POST',
        route: '/api/forms/:formId/records',
        status: 201,
      }),
    ]),
  );
  // Every line is one JSON object with a time and a level.
  for (const l of [...lines(api), ...lines(worker)]) {
    expect(typeof l.time).toBe('string');
    expect(typeof l.level).toBe('string');
  }
});
