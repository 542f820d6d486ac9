import { ConfigError, loadConfig } from './config/app-config';
import { createLiuyun, startupLogger } from './bootstrap/liuyun';
import { DEMO_PASSWORD, DEMO_USERS } from './bootstrap/demo-org';

async function main(): Promise<void> {
  const config = loadConfig();
  const liuyun = await createLiuyun(config);
  await liuyun.app.listen(config.port, '0.0.0.0');
  const url = `http://localhost:${config.port}`;
  const where =
    config.databaseUrl === null
      ? `embedded Postgres in ${config.dataDir}`
      : 'the Postgres server in DATABASE_URL';
  startupLogger.log(`Liuyun is running at ${url}  (API docs: ${url}/api/docs; data: ${where})`);
  if (config.demo) {
    startupLogger.log(
      `Demo mode: sign in as ${DEMO_USERS.map((u) => u.username).join(', ')} with password "${DEMO_PASSWORD}".`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    startupLogger.log(`${signal}: stopping.`);
    liuyun.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    console.error(`Liuyun cannot start: ${e.message}`);
  } else if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE') {
    console.error(
      `Liuyun cannot start: port ${process.env.PORT ?? 3000} is already in use; set PORT to another port.`,
    );
  } else {
    console.error('Liuyun cannot start:', e instanceof Error ? e.message : e);
  }
  process.exit(1);
});
