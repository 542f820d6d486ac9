/**
 * The engine started in this process from its build (engine/dist), for the benchmarks
 * that measure its durable and HTTP paths (P4, P5, P7). The bench does not depend on the
 * engine package: the build is loaded by path and typed here by what the bench calls.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const engineDist = resolve(__dirname, '../../../engine/dist');

/** What the bench reads of a record view and its tasks. */
export interface RecordAnswer {
  id: string;
  tasks?: { id: string; status: string; assignee: { username: string } | null }[];
}

interface AuthUser {
  id: string;
  username: string;
}

interface RecordsService {
  submit(formId: string, input: unknown, user: AuthUser): Promise<RecordAnswer>;
  view(id: string, user: AuthUser): Promise<RecordAnswer>;
}

interface TaskActionsService {
  act(taskId: string, user: AuthUser, input: { action: 'approve' }): Promise<unknown>;
}

interface IdentityService {
  findByUsername(username: string): Promise<{ id: string } | null>;
  authUserById(id: string): Promise<AuthUser | null>;
}

interface JobWorker {
  runOnce(options?: { asOf?: Date; limit?: number }): Promise<number>;
}

/** SQL on the engine's own pool. */
export interface EngineDb {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

interface NestApp {
  get<T>(token: unknown): T;
  listen(port: number, host: string): Promise<unknown>;
  getHttpServer(): unknown;
}

interface LiuyunHandle {
  app: NestApp;
  stop(): Promise<void>;
}

/** A running engine: its services, its HTTP address, and the demo users. */
export interface EngineProcess {
  baseUrl: string;
  records: RecordsService;
  actions: TaskActionsService;
  /** The demo user of a username (rep1, manager1, …). */
  user(username: string): Promise<AuthUser>;
  /** The id of a published form of the demo CRM app, by key. */
  formId(key: string): Promise<string>;
  /** The process's job worker (not polling: the benchmarks call `runOnce`). */
  worker: JobWorker;
  db: EngineDb;
  stop(): Promise<void>;
}

function load<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(engineDist, path)) as T;
}

/** Whether engine/dist holds a build to start. */
export function engineBuilt(): boolean {
  return existsSync(join(engineDist, 'bootstrap', 'liuyun.js'));
}

/**
 * Starts the engine with the demo organisation and the CRM app, without job workers (the
 * benchmarks measure the request path), on `databaseUrl` or on embedded PGlite in memory.
 */
export async function startEngine(
  databaseUrl: string | null,
  env: Record<string, string> = {},
): Promise<EngineProcess> {
  const { createLiuyun } = load<{
    createLiuyun(config: unknown, options: unknown): Promise<LiuyunHandle>;
  }>('bootstrap/liuyun.js');
  const { loadConfig } = load<{ loadConfig(env: Record<string, string>): unknown }>(
    'config/app-config.js',
  );
  const { RecordsService } = load<{ RecordsService: unknown }>(
    'modules/records/records.service.js',
  );
  const { TaskActionsService } = load<{ TaskActionsService: unknown }>(
    'modules/processes/task-actions.service.js',
  );
  const { IdentityService } = load<{ IdentityService: unknown }>(
    'modules/identity/identity.service.js',
  );
  const { JobWorker } = load<{ JobWorker: unknown }>('modules/jobs/job-worker.service.js');
  const { DataSource } = load<{ DataSource: unknown }>('../node_modules/typeorm/index.js');
  const config = loadConfig({
    PORT: '0',
    LIUYUN_DATA_DIR: mkdtempSync(join(tmpdir(), 'liuyun-bench-')),
    ...(databaseUrl !== null ? { DATABASE_URL: databaseUrl } : {}),
    LIUYUN_DEMO: '1',
    LIUYUN_DESIGNER_DIR: join(tmpdir(), 'liuyun-bench-no-designer'),
    LIUYUN_WORKERS: '0',
    ...env,
  });
  const liuyun = await createLiuyun(config, { inMemory: true, logLevels: ['error'] });
  await liuyun.app.listen(0, '127.0.0.1');
  const server = liuyun.app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  const identity = liuyun.app.get<IdentityService>(IdentityService);
  const db = liuyun.app.get<EngineDb>(DataSource);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    records: liuyun.app.get<RecordsService>(RecordsService),
    worker: liuyun.app.get<JobWorker>(JobWorker),
    db,
    actions: liuyun.app.get<TaskActionsService>(TaskActionsService),
    async user(username) {
      const found = await identity.findByUsername(username);
      const user = found ? await identity.authUserById(found.id) : null;
      if (!user) throw new Error(`the demo user ${username} is missing`);
      return user;
    },
    async formId(key) {
      const rows = await db.query<{ id: string }[]>(
        'SELECT id FROM forms WHERE key = $1 ORDER BY created_at ASC LIMIT 1',
        [key],
      );
      const id = rows[0]?.id;
      if (id === undefined) throw new Error(`the demo app has no form "${key}"`);
      return id;
    },
    stop: () => liuyun.stop(),
  };
}

/** A quote of 15% discount: the sales manager approves it, then it ends (two wait states). */
export function quoteSubmission(n: number): Record<string, unknown> {
  return {
    customer_name: `Bench customer ${n}`,
    items: [{ product: 'CRM Pro', quantity: 10, unit_price: 100, discount_pct: 0 }],
    discount_pct: 15,
    reason: 'Strategic account',
  };
}
