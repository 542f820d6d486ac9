import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { parseDatabaseUrl } from './config/config.parsers';
import type { Liuyun } from './bootstrap/liuyun';
import { describeStartupError } from './bootstrap/startup-errors';

let config: AppConfig | null = null;
let liuyun: Liuyun | null = null;
/** What failed, for the one sentence: starting, or copying the database. */
let doing = 'start';

// The application (Nest, every module) is loaded only once the settings are known to
// be good, so a bad setting is reported at once.
type Bootstrap = typeof import('./bootstrap/liuyun');
type DemoOrg = typeof import('./bootstrap/demo-org');

function announce(c: AppConfig, { startupLogger }: Bootstrap, demo: DemoOrg): void {
  const url = `http://localhost:${c.port}`;
  const where =
    c.databaseUrl === null
      ? `embedded Postgres in ${c.dataDir}`
      : 'the Postgres server in DATABASE_URL';
  const does =
    c.role === 'worker'
      ? 'workers only (health, readiness and /metrics on this port)'
      : c.workers
        ? 'API, designer and workers'
        : 'API and designer, no workers';
  startupLogger.log(
    `Liuyun is running at ${url}  (role ${c.role}: ${does}; API docs: ${url}/api/docs; data: ${where})`,
  );
  if (c.demo) {
    startupLogger.log(
      `Demo mode: sign in as ${demo.DEMO_USERS.map((u) => u.username).join(', ')} with password "${demo.DEMO_PASSWORD}".`,
    );
  }
}

/** SIGTERM/SIGINT: a graceful stop; a second signal while stopping ends the process at once. */
function onSignals(running: Liuyun, { startupLogger }: Bootstrap): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      startupLogger.warn(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    startupLogger.log(`${signal}: stopping — no new requests or jobs; finishing those in flight.`);
    running.shutdown().then(
      () => {
        startupLogger.log('Stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        startupLogger.error(`Stopping failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Fails fast on a taken port, before the database is touched (listen checks again). */
function checkPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(port, '0.0.0.0', () => probe.close(() => ok()));
  });
}

/**
 * `copy-database --to=postgres://…`: the embedded database of LIUYUN_DATA_DIR into an
 * empty database on a server (docs/operations.md, section 3). Liuyun must be stopped.
 */
async function copyDatabase(args: string[]): Promise<void> {
  const to = args.map((a) => /^--to=(.+)$/.exec(a)?.[1]).find((v) => v !== undefined);
  const unknown = args.find((a) => !/^--to=/.test(a));
  if (unknown !== undefined)
    throw new ConfigError(`Unknown option "${unknown}": copy-database takes --to=postgres://….`);
  const target = parseDatabaseUrl(to);
  if (target === null)
    throw new ConfigError('copy-database needs --to=postgres://user:password@host:5432/database.');
  config = loadConfig({ ...process.env, DATABASE_URL: '' });
  if (!existsSync(join(config.dataDir, 'pglite')))
    throw new ConfigError(
      `there is no embedded database in ${config.dataDir}; set LIUYUN_DATA_DIR.`,
    );
  config = { ...config, databaseUrl: target };
  const { copyEmbeddedToServer } = await import('./bootstrap/copy-database');
  const report = await copyEmbeddedToServer({ ...config, databaseUrl: null }, target, (line) =>
    process.stdout.write(`${line}\n`),
  );
  process.stdout.write(
    `Copied ${report.rows} rows in ${report.tables.length} tables. Start Liuyun with DATABASE_URL set to that database (keep LIUYUN_DATA_DIR for the files).\n`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === 'copy-database') {
    doing = 'copy the database';
    await copyDatabase(args.slice(1));
    process.exit(0);
  }
  config = loadConfig(process.env, args);
  await checkPortFree(config.port);
  const bootstrap = await import('./bootstrap/liuyun');
  liuyun = await bootstrap.createLiuyun(config);
  await liuyun.listen(config.port);
  announce(config, bootstrap, await import('./bootstrap/demo-org'));
  onSignals(liuyun, bootstrap);
}

main().catch(async (e: unknown) => {
  const sentence = describeStartupError(e, {
    databaseUrl: config?.databaseUrl ?? null,
    port: config?.port ?? null,
    dataDir: config?.dataDir ?? null,
  });
  process.stderr.write(`Liuyun cannot ${doing}: ${sentence}\n`);
  await liuyun?.shutdown().catch(() => undefined);
  process.exit(1);
});
