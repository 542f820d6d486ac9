import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import type { ApiAnswer } from '../../test/support/test-app';
import type { LabTarget } from '../../test/support/lab-app';

const ENGINE_MAIN = resolve(__dirname, '../../dist/main.js');

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** A real engine process (built `engine/dist/main.js`) on the shared database. */
export class EngineProcess {
  private child: ChildProcess | null = null;
  port = 0;
  /** Everything it wrote on stdout (its JSON log lines) since the last start. */
  output = '';
  private readonly tokens = new Map<string, string>();

  constructor(
    readonly databaseUrl: string,
    readonly env: Record<string, string> = {},
    readonly args: string[] = [],
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts it and resolves when it says it listens (its own log line, no polling). */
  async start(): Promise<void> {
    this.port = await freePort();
    const child = spawn(process.execPath, [ENGINE_MAIN, ...this.args], {
      env: {
        ...process.env,
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        LIUYUN_DEMO: '1',
        LIUYUN_WORKERS: '0',
        LIUYUN_EGRESS_ALLOW_HOSTS: '127.0.0.1',
        LIUYUN_DESIGNER_DIR: '/nonexistent',
        NO_COLOR: '1',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let log = '';
    await new Promise<void>((ok, fail) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString('utf8');
        if (log.includes('Liuyun is running at')) {
          child.stdout?.off('data', onData);
          ok();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (c: Buffer) => (log += c.toString('utf8')));
      child.once('exit', (code) =>
        fail(new Error(`engine exited (${code}) before listening:\n${log.slice(-2000)}`)),
      );
    });
    child.removeAllListeners('exit');
    this.output = log;
    child.stdout?.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
    child.stderr?.resume();
  }

  /** Resolves once a line of its output matches (its own log line: no polling). */
  waitForOutput(pattern: RegExp): Promise<string> {
    // Whole lines only: the last piece may still be arriving.
    const find = () =>
      this.output
        .split('\n')
        .slice(0, -1)
        .find((l) => pattern.test(l));
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    const child = this.child;
    if (!child?.stdout) return Promise.reject(new Error('the engine is not running'));
    return new Promise((ok, fail) => {
      const onData = () => {
        const line = find();
        if (line === undefined) return;
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        ok(line);
      };
      const onExit = () => fail(new Error(`engine exited before printing ${pattern}`));
      // Registered after the collector above, so `output` already holds the chunk.
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
  }

  /** The exit code once it has exited (null while it runs). */
  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  /** Sends SIGTERM and resolves with the exit code once it has stopped by itself. */
  async terminate(): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    const code = await exited;
    this.child = null;
    return code;
  }

  /** kill -9: no shutdown hooks, no lease hand-back, transactions cut mid-way. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    o: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  async login(username: string, password = 'demo'): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const res = await this.request<{ token: string }>('POST', '/api/auth/login', {
      body: { username, password },
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    this.tokens.set(username, res.body.token);
    return res.body.token;
  }
}

/** SQL reads for the checks, straight to the shared database. */
export function sqlReader(databaseUrl: string): {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
  end(): Promise<void>;
} {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T> {
      const res = await pool.query(sql, params);
      return res.rows as T;
    },
    end: () => pool.end(),
  };
}

/** A Lab target that spreads requests over several engine processes, round robin. */
export function spread(
  processes: EngineProcess[],
  db: LabTarget['db'],
): LabTarget & { pick(): EngineProcess } {
  let next = 0;
  const pick = () => {
    const alive = processes.filter((p) => p.port !== 0);
    const p = alive[next++ % alive.length]!;
    return p;
  };
  return {
    db,
    pick,
    request: (method, path, o) => pick().request(method, path, o),
    login: (username, password) => processes[0]!.login(username, password),
  };
}
