import { createServer, type ServerResponse } from 'node:http';
import { Client } from 'pg';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { EngineProcess, sqlReader } from './support/engine-process';

// Issue 9: SIGTERM to a real engine process while it delivers a webhook: it stops
// taking HTTP connections and job claims, finishes the delivery at hand, hands back
// the jobs it had claimed but not begun, and exits 0. The next process takes those at
// once (no waiting for a lease to run out). Past the time limit, a job that does not
// finish is let go too.

interface HeldCall {
  path: string;
  key: string;
  answer(status: number): void;
}

/** A receiver that holds every call until the test answers it. */
async function startHoldingReceiver() {
  const calls: HeldCall[] = [];
  const waiters: (() => void)[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      open.add(res);
      calls.push({
        path: req.url ?? '',
        key: String(req.headers['idempotency-key'] ?? ''),
        answer: (status) => {
          open.delete(res);
          res.statusCode = status;
          res.end('{}');
        },
      });
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** Resolves once `n` calls have arrived. */
    async until(n: number): Promise<void> {
      while (calls.length < n) await new Promise<void>((ok) => waiters.push(ok));
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

let database: TestDatabase;
let db: ReturnType<typeof sqlReader>;
let receiver: Awaited<ReturnType<typeof startHoldingReceiver>>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = sqlReader(database.url!);
  receiver = await startHoldingReceiver();
});

afterAll(async () => {
  await db.end();
  await receiver.close();
  await database.drop();
});

const withWorkers = (extra: Record<string, string> = {}) => ({
  LIUYUN_WORKERS: '1',
  LIUYUN_WORKER_POLL_MS: '50',
  LIUYUN_DEMO: '0',
  LIUYUN_ADMIN_PASSWORD: 'demo-admin-pw',
  ...extra,
});

/** Due jobs, written in one statement so that one pass claims them all. */
async function enqueueWebhooks(prefix: string, n: number): Promise<string[]> {
  const keys = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  await db.query(
    `INSERT INTO jobs (id, kind, idempotency_key, payload, run_at, max_attempts)
     SELECT gen_random_uuid(), 'webhook', k, jsonb_build_object('url', $2 || '/' || k, 'method', 'POST', 'body', '{}'::jsonb), now(), 5
       FROM unnest($1::text[]) AS k`,
    [keys, receiver.url],
  );
  return keys;
}

async function jobs(prefix: string) {
  return db.query<{ key: string; status: string; attempts: number; locked_by: string | null }[]>(
    `SELECT idempotency_key AS key, status, attempts, locked_by FROM jobs
      WHERE idempotency_key LIKE $1 ORDER BY idempotency_key`,
    [`${prefix}-%`],
  );
}

it('finishes the delivery in flight, hands back the rest, exits 0; the next process takes them', async () => {
  const first = new EngineProcess(database.url!, withWorkers());
  await first.start();
  const keys = await enqueueWebhooks('drain', 3);
  // The worker claims all three in one pass and is held on the first it runs.
  await receiver.until(1);
  const held = receiver.calls[0]!.key;
  expect(keys).toContain(held);
  expect((await jobs('drain')).map((j) => j.status)).toEqual(['running', 'running', 'running']);

  const exited = first.terminate();
  await first.waitForOutput(/SIGTERM: stopping/);
  // Stopped taking connections, but still alive: the delivery at hand is not done.
  await expect(fetch(`${first.baseUrl}/api/health`)).rejects.toThrow();
  expect(first.exitCode).toBeNull();

  receiver.calls[0]!.answer(200);
  expect(await exited).toBe(0);
  expect(await jobs('drain')).toEqual(
    keys.map((key) =>
      key === held
        ? { key, status: 'done', attempts: 1, locked_by: null }
        : { key, status: 'pending', attempts: 0, locked_by: null },
    ),
  );
  expect(receiver.calls).toHaveLength(1);

  // A new process delivers the two handed back, each once.
  const second = new EngineProcess(database.url!, withWorkers());
  await second.start();
  await receiver.until(2);
  receiver.calls[1]!.answer(200);
  await receiver.until(3);
  receiver.calls[2]!.answer(200);
  expect(receiver.calls.map((c) => c.key).sort()).toEqual(keys);
  expect(await second.terminate()).toBe(0);
  expect((await jobs('drain')).map((j) => j.status)).toEqual(['done', 'done', 'done']);
});

it('past LIUYUN_SHUTDOWN_TIMEOUT_SECONDS a delivery that hangs is let go and its lease handed back', async () => {
  const engine = new EngineProcess(
    database.url!,
    withWorkers({ LIUYUN_SHUTDOWN_TIMEOUT_SECONDS: '1' }),
  );
  await engine.start();
  const before = receiver.calls.length;
  await enqueueWebhooks('stuck', 1);
  await receiver.until(before + 1);
  // Never answered: the process stops anyway, within its limit.
  expect(await engine.terminate()).toBe(0);
  expect(engine.output).toMatch(/outlived the 1000 ms shutdown limit/);
  expect(await jobs('stuck')).toEqual([
    { key: 'stuck-0', status: 'pending', attempts: 0, locked_by: null },
  ]);
});

it('a request in flight when SIGTERM arrives is answered before the process exits', async () => {
  const engine = new EngineProcess(database.url!, withWorkers());
  await engine.start();
  const admin = await engine.login('admin', 'demo-admin-pw');
  const calendar = {
    startMinute: 540,
    endMinute: 1080,
    weekdays: [1, 2, 3, 4, 5],
    holidays: [],
    makeupDays: [],
    utcOffsetMinutes: 480,
  };
  expect(
    (await engine.request('PUT', '/api/calendar', { token: admin, body: calendar })).status,
  ).toBe(200);

  // Hold the calendar's row: the next PUT waits in the database, in flight.
  const holder = new Client({ connectionString: database.url! });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(`SELECT 1 FROM settings WHERE key = 'business_calendar' FOR UPDATE`);
  const inFlight = engine.request('PUT', '/api/calendar', {
    token: admin,
    body: { ...calendar, startMinute: 600 },
  });
  // Until Postgres shows a statement of the engine waiting for that lock (no sleep:
  // each look is a query; asked outside the holder's transaction, whose view is frozen).
  const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  for (;;) {
    const blocked: unknown[] = await db.query(
      'SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
      [pid],
    );
    if (blocked.length > 0) break;
  }
  const exited = engine.terminate();
  await engine.waitForOutput(/SIGTERM: stopping/);
  expect(engine.exitCode).toBeNull();
  await holder.query('COMMIT');
  await holder.end();
  const answer = await inFlight;
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ startMinute: 600 });
  expect(await exited).toBe(0);
});
