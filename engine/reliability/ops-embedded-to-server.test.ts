import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../src/bootstrap/demo-org';
import { runEngineUntilExit } from '../test/support/spawn-engine';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { EngineProcess, sqlReader } from './support/engine-process';

// Issue 9, docs/operations.md section 3: an installation started on the embedded
// database moves to a Postgres server with `copy-database`, and carries on there: the
// same sign-ins (even a token issued before the move), tasks, records and definitions
// (key order kept), and every row of every table.

let database: TestDatabase;
const dataDir = mkdtempSync(join(tmpdir(), 'liuyun-embedded-'));

interface Inbox {
  items: { id: string; recordId: string; nodeId: string }[];
}

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

it('copies the embedded database into an empty server database and runs on it', async () => {
  // 1. The embedded start, with some work done.
  const embedded = new EngineProcess('', { LIUYUN_DATA_DIR: dataDir });
  await embedded.start();
  const manager = await embedded.login('manager1');
  const inbox = await embedded.request<Inbox>('GET', '/api/tasks', { token: manager });
  const decided = inbox.body.items[0]!;
  expect(
    (
      await embedded.request('POST', `/api/tasks/${decided.id}/actions`, {
        token: manager,
        body: { action: 'approve', comment: 'Before the move.' },
      })
    ).status,
  ).toBe(200);
  const before = await embedded.request<Inbox>('GET', '/api/tasks', { token: manager });
  const apps = await embedded.request<{ forms: { id: string; key: string }[] }[]>(
    'GET',
    '/api/apps',
    {
      token: manager,
    },
  );
  const quoteId = apps.body.flatMap((a) => a.forms).find((f) => f.key === 'quote')!.id;
  const quoteBefore = await embedded.request<{ definition: { schema: { properties: object } } }>(
    'GET',
    `/api/forms/${quoteId}`,
    { token: manager },
  );
  const recordBefore = await embedded.request<{ data: object; timeline: unknown[] }>(
    'GET',
    `/api/records/${decided.recordId}`,
    { token: manager },
  );
  expect(await embedded.terminate()).toBe(0);

  // 2. The copy, as the guide says: Liuyun stopped, LIUYUN_DATA_DIR kept.
  const copied = await runEngineUntilExit({ LIUYUN_DATA_DIR: dataDir }, [
    'copy-database',
    `--to=${database.url!}`,
  ]);
  expect(copied.stderr).toBe('');
  expect(copied.code).toBe(0);
  expect(copied.stdout).toMatch(/^Copied \d+ rows in \d+ tables\./m);
  const perTable = new Map(
    [...copied.stdout.matchAll(/^(\w+): (\d+) row\(s\)$/gm)].map((m) => [m[1]!, Number(m[2])]),
  );
  // Every demo user (the admin among them) came along.
  expect(perTable.get('users')).toBe(DEMO_USERS.length);
  const db = sqlReader(database.url!);
  try {
    for (const [table, rows] of perTable) {
      const counted: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, rows: counted[0]!.n }).toEqual({ table, rows });
    }
  } finally {
    await db.end();
  }

  // 3. Liuyun on the server, same data folder (files).
  const server = new EngineProcess(database.url!, { LIUYUN_DATA_DIR: dataDir, LIUYUN_DEMO: '0' });
  await server.start();
  try {
    // The token from before the move still signs in: the secret came along.
    const after = await server.request<Inbox>('GET', '/api/tasks', { token: manager });
    expect(after.status).toBe(200);
    expect(after.body.items.map((t) => t.id)).toEqual(before.body.items.map((t) => t.id));
    expect(await server.login('director1')).toEqual(expect.any(String));
    const quoteAfter = await server.request<{ definition: { schema: { properties: object } } }>(
      'GET',
      `/api/forms/${quoteId}`,
      { token: manager },
    );
    expect(Object.keys(quoteAfter.body.definition.schema.properties)).toEqual(
      Object.keys(quoteBefore.body.definition.schema.properties),
    );
    expect(JSON.stringify(quoteAfter.body)).toBe(JSON.stringify(quoteBefore.body));
    const recordAfter = await server.request<{ data: object; timeline: unknown[] }>(
      'GET',
      `/api/records/${decided.recordId}`,
      { token: manager },
    );
    expect(recordAfter.body.data).toEqual(recordBefore.body.data);
    expect(recordAfter.body.timeline).toEqual(recordBefore.body.timeline);
  } finally {
    await server.stop();
  }

  // 4. Never over data: a second copy into the same database is refused.
  const again = await runEngineUntilExit({ LIUYUN_DATA_DIR: dataDir }, [
    'copy-database',
    `--to=${database.url!}`,
  ]);
  expect(again.code).toBe(1);
  expect(again.stderr.trim()).toBe(
    'Liuyun cannot copy the database: the database in --to already holds Liuyun data; copy into a new, empty database.',
  );
});
