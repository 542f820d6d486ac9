import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { runEngineUntilExit, type EngineExit } from './support/spawn-engine';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// Issue 9: a bad or missing setting stops the built engine with one clear sentence on
// stderr and a non-zero exit, never a stack trace.

let taken: Server;
let takenPort = 0;
let database: TestDatabase;

interface Case {
  name: string;
  env: Record<string, string>;
  args?: string[];
  expected: RegExp;
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'liuyun-startup-'));

function cases(): Case[] {
  const serverUrl = process.env.DATABASE_URL;
  const list: Case[] = [
    {
      name: 'PORT not a number',
      env: { PORT: 'eighty' },
      expected: /^PORT must be a whole number from 0 to 65535, not "eighty"\.$/,
    },
    { name: 'PORT out of range', env: { PORT: '70000' }, expected: /^PORT must be a whole number/ },
    {
      name: 'poll interval malformed',
      env: { LIUYUN_WORKER_POLL_MS: '1.5' },
      expected: /^LIUYUN_WORKER_POLL_MS must be a whole number from 1 to 86400000, not "1\.5"\.$/,
    },
    {
      name: 'pool size malformed',
      env: { LIUYUN_DB_POOL_MAX: '-3' },
      expected: /^LIUYUN_DB_POOL_MAX must be a whole number from 1 to 1000, not "-3"\.$/,
    },
    {
      name: 'shutdown limit malformed',
      env: { LIUYUN_SHUTDOWN_TIMEOUT_SECONDS: 'soon' },
      expected: /^LIUYUN_SHUTDOWN_TIMEOUT_SECONDS must be a whole number/,
    },
    {
      name: 'flag malformed',
      env: { LIUYUN_WORKERS: 'maybe' },
      expected: /^LIUYUN_WORKERS must be 1 or 0, not "maybe"\.$/,
    },
    {
      name: 'DATABASE_URL of another database',
      env: { DATABASE_URL: 'mysql://root@127.0.0.1/liuyun' },
      expected: /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/\.$/,
    },
    {
      name: 'DATABASE_URL unreachable',
      env: { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/liuyun' },
      expected:
        /^the database server in DATABASE_URL \(127\.0\.0\.1:1\) refused the connection; check DATABASE_URL and that Postgres is running\.$/,
    },
    {
      name: 'unknown role',
      env: {},
      args: ['--role=boss'],
      expected: /^--role must be one of all, api, worker, not "boss"\.$/,
    },
    {
      name: 'unknown role in the environment',
      env: { LIUYUN_ROLE: 'web' },
      expected: /^LIUYUN_ROLE must be one of all, api, worker/,
    },
    {
      name: 'unknown option',
      env: {},
      args: ['--verbose'],
      expected: /^Unknown option "--verbose"/,
    },
    {
      name: 'api role with workers',
      env: { LIUYUN_WORKERS: '1' },
      args: ['--role', 'api'],
      expected: /^LIUYUN_WORKERS=1 contradicts --role=api/,
    },
    {
      name: 'demo in production',
      env: { NODE_ENV: 'production', LIUYUN_DEMO: '1' },
      expected: /^LIUYUN_DEMO=1 is refused with NODE_ENV=production/,
    },
    {
      name: 'weak admin password in production',
      env: { NODE_ENV: 'production', LIUYUN_ADMIN_PASSWORD: 'short' },
      expected: /^LIUYUN_ADMIN_PASSWORD must have at least 8 characters in production\.$/,
    },
    {
      name: 'short metrics token',
      env: { LIUYUN_METRICS_TOKEN: 'abc' },
      expected: /^LIUYUN_METRICS_TOKEN must have at least 16 characters\.$/,
    },
    {
      name: 'port in use',
      env: { PORT: String(takenPort), LIUYUN_DATA_DIR: freshDir() },
      expected: new RegExp(
        `^port ${takenPort} is already in use; stop what holds it or set PORT to another port\\.$`,
      ),
    },
    {
      name: 'no admin password on a first production start',
      env: {
        NODE_ENV: 'production',
        PORT: '0',
        ...(database.url ? { DATABASE_URL: database.url } : { LIUYUN_DATA_DIR: freshDir() }),
      },
      expected:
        /^LIUYUN_ADMIN_PASSWORD must be set on the first start in production \(NODE_ENV=production\): there is no administrator yet\.$/,
    },
  ];
  if (serverUrl) {
    const missing = new URL(serverUrl);
    missing.pathname = '/liuyun_no_such_database';
    list.push({
      name: 'database missing on the server',
      env: { DATABASE_URL: missing.toString() },
      expected:
        /^the database "liuyun_no_such_database" does not exist on the database server in DATABASE_URL \(.+\); create it \(createdb\) or fix DATABASE_URL\.$/,
    });
  }
  return list;
}

const results = new Map<string, EngineExit>();
let all: Case[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  taken = createServer();
  await new Promise<void>((ok) => taken.listen(0, '0.0.0.0', () => ok()));
  const address = taken.address();
  takenPort = typeof address === 'object' && address ? address.port : 0;
  all = cases();
  // Two at a time: each is a real process start.
  for (let i = 0; i < all.length; i += 2) {
    await Promise.all(
      all
        .slice(i, i + 2)
        .map(async (c) => results.set(c.name, await runEngineUntilExit(c.env, c.args))),
    );
  }
});

afterAll(async () => {
  await new Promise<void>((ok) => taken.close(() => ok()));
  await database.drop();
});

it('covers every case', () => {
  expect(results.size).toBe(all.length);
  expect(all.length).toBeGreaterThanOrEqual(17);
});

describe('the spawned engine', () => {
  it.each([
    'PORT not a number',
    'PORT out of range',
    'poll interval malformed',
    'pool size malformed',
    'shutdown limit malformed',
    'flag malformed',
    'DATABASE_URL of another database',
    'DATABASE_URL unreachable',
    'unknown role',
    'unknown role in the environment',
    'unknown option',
    'api role with workers',
    'demo in production',
    'weak admin password in production',
    'short metrics token',
    'port in use',
    'no admin password on a first production start',
    ...(process.env.DATABASE_URL ? ['database missing on the server'] : []),
  ])('%s: one sentence on stderr, exit 1, no stack', (name) => {
    const c = all.find((x) => x.name === name)!;
    const exit = results.get(name)!;
    expect(exit.code).toBe(1);
    const lines = exit.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Liuyun cannot start: /);
    expect(lines[0]!.slice('Liuyun cannot start: '.length)).toMatch(c.expected);
    expect(exit.stderr + exit.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
    // A password in DATABASE_URL is never echoed.
    expect(exit.stderr).not.toContain('secret');
  });
});

describe('roles', () => {
  it.each([
    [[], {}, { role: 'all', servesApi: true, workers: true }],
    [['--role=api'], {}, { role: 'api', servesApi: true, workers: false }],
    [['--role', 'worker'], {}, { role: 'worker', servesApi: false, workers: true }],
    [[], { LIUYUN_ROLE: 'worker' }, { role: 'worker', servesApi: false, workers: true }],
    [['--role=api'], { LIUYUN_ROLE: 'worker' }, { role: 'api', servesApi: true, workers: false }],
    [[], { LIUYUN_WORKERS: '0' }, { role: 'all', servesApi: true, workers: false }],
  ] as const)('%j with %j', (args, env, expected) => {
    expect(loadConfig(env, args)).toMatchObject(expected);
  });

  it('refuses a worker with its workers off', () => {
    expect(() => loadConfig({ LIUYUN_WORKERS: '0' }, ['--role=worker'])).toThrow(
      new ConfigError('LIUYUN_WORKERS=0 leaves a --role=worker process nothing to do.'),
    );
  });

  it('production: demo off unless asked, which is refused', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, demo: false });
    expect(loadConfig({})).toMatchObject({ production: false, demo: true });
  });
});
