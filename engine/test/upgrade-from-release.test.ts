import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createLiuyun, type Liuyun } from '../src/bootstrap/liuyun';
import { loadConfig } from '../src/config/app-config';
import { MIGRATIONS } from '../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres';
import { JobWorker } from '../src/modules/jobs/job-worker.service';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// Issue 9: the database of an earlier release (engine/test/fixtures/release-0.1.0.sql,
// made by make-release-fixture.mjs from that release's migrations and sample data) is
// migrated forward by this build without losing a row or a value, and works.

const FIXTURE = join(__dirname, 'fixtures', 'release-0.1.0.sql');

let database: TestDatabase | null = null;
let embedded: EmbeddedPostgres | null = null;
let url: string;
let liuyun: Liuyun;
let baseUrl: string;
const before = new Map<string, Record<string, unknown>[]>();

async function withClient<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** After the start, reads go through the engine's pool (the embedded database takes one connection). */
const query: Query = (sql, params) => liuyun.app.get(DataSource).query(sql, params);

/** Every row of a table as JSON, in a stable order. */
async function rowsOf(q: Query, table: string): Promise<Record<string, unknown>[]> {
  const rows = await q<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(t) AS row FROM public.${table} t ORDER BY to_jsonb(t)::text`,
  );
  return rows.map((r) => r.row);
}

async function api<T>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const login = async (username: string) =>
  (
    await api<{ token: string }>('POST', '/api/auth/login', undefined, {
      username,
      password: 'demo',
    })
  ).body.token;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    url = database.url!;
  } else {
    // The embedded database, reached like a server (it takes one connection at a time).
    embedded = await startEmbeddedPostgres(null);
    url = embedded.url;
  }
  const sql = readFileSync(FIXTURE, 'utf8');
  await withClient(async (c) => {
    await c.query(sql);
    // The dump's SETs (an empty search_path) stay with the session; the embedded
    // database has only one session for all its connections.
    await c.query('RESET ALL');
    const tables = await c.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const viaClient: Query = async (text, params) => (await c.query(text, params)).rows;
    for (const { tablename } of tables.rows)
      before.set(tablename, await rowsOf(viaClient, tablename));
  });
  liuyun = await createLiuyun(
    loadConfig({
      DATABASE_URL: url,
      LIUYUN_DB_POOL_MAX: embedded ? '1' : '4',
      LIUYUN_DEMO: '1',
      LIUYUN_WORKERS: '0',
      LIUYUN_DESIGNER_DIR: join(tmpdir(), 'liuyun-no-designer'),
    }),
    { logLevels: ['error'] },
  );
  await liuyun.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${((liuyun.app.getHttpServer() as Server).address() as AddressInfo).port}`;
});

afterAll(async () => {
  await liuyun?.stop();
  await embedded?.stop();
  await database?.drop();
});

it('the fixture is the 0.1.0 schema with its sample data', () => {
  const applied = before.get('schema_migrations')!.map((r) => r.name);
  expect(applied).toEqual(
    expect.arrayContaining(['InitialSchema1764000000000', 'Automations1764000420000']),
  );
  expect(applied).toHaveLength(5);
  expect(before.get('records')!.length).toBeGreaterThan(0);
  expect(before.get('tasks')!.length).toBeGreaterThan(0);
  expect(before.get('jobs')!.some((j) => j.kind === 'timer' && j.status === 'pending')).toBe(true);
});

it('every later migration is applied once', async () => {
  const names = (await query<{ name: string }>('SELECT name FROM schema_migrations')).map(
    (r) => r.name,
  );
  expect(names.sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
});

it('no row and no value is lost: each old row is still there with its old columns', async () => {
  {
    for (const [table, oldRows] of before) {
      if (table === 'schema_migrations') continue;
      const now = await rowsOf(query, table);
      const columns = oldRows[0] ? Object.keys(oldRows[0]) : [];
      const project = (r: Record<string, unknown>) => JSON.stringify(columns.map((k) => [k, r[k]]));
      const present = new Set(now.map(project));
      const missing = oldRows.filter((r) => !present.has(project(r)));
      expect({ table, missing }).toEqual({ table, missing: [] });
      expect(now.length).toBeGreaterThanOrEqual(oldRows.length);
    }
  }
});

it('the upgraded data works: sign-in, inbox, deciding a task, the draft, the waiting timers', async () => {
  const manager = await login('manager1');
  const inbox = await api<{ items: { id: string; recordId: string }[] }>(
    'GET',
    '/api/tasks',
    manager,
  );
  expect(inbox.status).toBe(200);
  const openOfManager = before.get('tasks')!.filter((t) => t.status === 'open');
  expect(inbox.body.items.length).toBeGreaterThan(0);
  expect(openOfManager.map((t) => t.id)).toEqual(
    expect.arrayContaining(inbox.body.items.map((t) => t.id)),
  );
  const decided = await api<{ error?: unknown }>(
    'POST',
    `/api/tasks/${inbox.body.items[0]!.id}/actions`,
    manager,
    {
      action: 'approve',
      comment: 'Approved after the upgrade.',
    },
  );
  expect(decided.status).toBe(200);

  const admin = await login('admin');
  const quote = before.get('forms')!.find((f) => f.key === 'quote')!;
  const draft = await api<{ definition: { key: string } }>(
    'GET',
    `/api/forms/${String(quote.id)}/draft`,
    admin,
  );
  expect(draft.status).toBe(200);
  expect(draft.body.definition.key).toBe('quote');

  // The deadline timers written by 0.1.0 fire under this build.
  const worker = liuyun.app.get(JobWorker);
  await worker.drain({ asOf: new Date(Date.now() + 30 * 86_400_000) });
  const timerIds = before
    .get('jobs')!
    .filter((j) => j.kind === 'timer')
    .map((j) => j.id);
  const timers = await query<{ status: string }>(
    `SELECT status FROM jobs WHERE kind = 'timer' AND id = ANY($1::uuid[])`,
    [timerIds],
  );
  expect(timers.length).toBeGreaterThan(0);
  expect(timers.every((t) => t.status === 'done' || t.status === 'cancelled')).toBe(true);
});
