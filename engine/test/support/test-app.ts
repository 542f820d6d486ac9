import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { createLiuyun, type Liuyun } from '../../src/bootstrap/liuyun';
import { loadConfig } from '../../src/config/app-config';
import { JobWorker } from '../../src/modules/jobs/job-worker.service';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A running engine on a free port, spoken to over real HTTP. */
export interface TestApp {
  baseUrl: string;
  db: DataSource;
  liuyun: Liuyun;
  worker: JobWorker;
  request<T = unknown>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  opts: { demo?: boolean; history?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    LIUYUN_DATA_DIR: mkdtempSync(join(tmpdir(), 'liuyun-test-')),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    LIUYUN_DEMO: opts.demo === false ? '0' : '1',
    // The generated quarter of CRM history only where a test asks for it.
    LIUYUN_DEMO_HISTORY: opts.history === true ? '1' : '0',
    LIUYUN_DESIGNER_DIR: join(tmpdir(), 'liuyun-no-designer'),
    // Tests drive the job queue themselves (worker.runOnce with a database clock).
    LIUYUN_WORKERS: '0',
    LIUYUN_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    ...(opts.env ?? {}),
  });
  const liuyun = await createLiuyun(config, { inMemory: true, logLevels: ['error'] });
  await liuyun.app.listen(0, '127.0.0.1');
  const server = liuyun.app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  const request: TestApp['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text, the test says what it expected.
    }
    return { status: res.status, body: parsed as never };
  };

  return {
    baseUrl,
    db: liuyun.app.get(DataSource),
    liuyun,
    worker: liuyun.app.get(JobWorker),
    request,
    async login(username, password = 'demo') {
      const res = await request<{ token: string }>('POST', '/api/auth/login', {
        body: { username, password },
      });
      if (res.status !== 200)
        throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async close() {
      await liuyun.stop();
      await database.drop();
    },
  };
}
