import { createServer } from 'node:net';
import { loadConfig, type AppConfig } from './config/app-config';
import type { Liuyun } from './bootstrap/liuyun';
import { describeStartupError } from './bootstrap/startup-errors';

let config: AppConfig | null = null;
let liuyun: Liuyun | null = null;

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

async function main(): Promise<void> {
  config = loadConfig(process.env, process.argv.slice(2));
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
  process.stderr.write(`Liuyun cannot start: ${sentence}\n`);
  await liuyun?.shutdown().catch(() => undefined);
  process.exit(1);
});
