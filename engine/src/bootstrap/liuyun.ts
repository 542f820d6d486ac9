import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger, type INestApplication, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, type AppConfig, type LogLevel } from '../config/app-config';
import { createRootLogger, NestJsonLogger } from '../common/observability/app-logger';
import { createDataSource, probeDatabase, runMigrations } from '../database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres';
import { JobWorker } from '../modules/jobs/job-worker.service';
import { ProcessLifecycle } from '../modules/operations/process-lifecycle.service';
import { SeedService } from './seed.service';
import { setupHttp } from './http-setup';

export interface Liuyun {
  app: INestApplication;
  database: 'embedded' | 'postgres';
  /** Listens on `port` (0: any free port) and resolves once it does. */
  listen(port: number, host?: string): Promise<void>;
  /**
   * Graceful stop: readiness turns 503, new connections and job claims stop, in-flight
   * requests and the job at hand finish (or, past the time limit, are let go and their
   * leases handed back), then the database is closed.
   */
  shutdown(): Promise<void>;
  /** Same as shutdown (tests). */
  stop(): Promise<void>;
}

export interface LiuyunOptions {
  /** Keep the embedded database in memory instead of `dataDir` (tests). */
  inMemory?: boolean;
  /** Nest-style levels (tests pass ['error']); the lowest one sets the log level. */
  logLevels?: NestLogLevel[];
}

const NEST_TO_PINO: Record<NestLogLevel, LogLevel> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};
const ORDER: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function levelOf(config: AppConfig, options: LiuyunOptions): LogLevel {
  if (!options.logLevels || options.logLevels.length === 0) return config.logLevel;
  const levels = options.logLevels.map((l) => NEST_TO_PINO[l]);
  return ORDER.find((l) => levels.includes(l)) ?? config.logLevel;
}

/** Production refuses to start with nobody able to sign in as an administrator. */
async function checkAdminExists(config: AppConfig, query: (sql: string) => Promise<unknown[]>) {
  if (!config.production || config.demo || config.adminPassword !== null) return;
  const admins = await query('SELECT 1 FROM users WHERE is_admin AND NOT disabled LIMIT 1');
  if (admins.length === 0)
    throw new ConfigError(
      'LIUYUN_ADMIN_PASSWORD must be set on the first start in production (NODE_ENV=production): there is no administrator yet.',
    );
}

/**
 * Everything a process needs before it listens: the database (embedded or a server),
 * migrations under a lock, the Nest application, and first-start seeding.
 */
export async function createLiuyun(
  config: AppConfig,
  options: LiuyunOptions = {},
): Promise<Liuyun> {
  const nestLogger = new NestJsonLogger(createRootLogger(levelOf(config, options)));
  Logger.overrideLogger(nestLogger);
  let embedded: EmbeddedPostgres | null = null;
  if (config.databaseUrl === null) {
    embedded = await startEmbeddedPostgres(options.inMemory ? null : config.dataDir);
  } else {
    await probeDatabase(config.databaseUrl);
  }
  const dataSource = createDataSource(
    config.databaseUrl ?? embedded!.url,
    embedded !== null,
    config.dbPoolMax,
  );
  try {
    await dataSource.initialize();
    await runMigrations(dataSource, embedded !== null);
    await checkAdminExists(config, (sql) => dataSource.query(sql));
    const app = await NestFactory.create(AppModule.register(config, dataSource), {
      bodyParser: false,
      abortOnError: false,
      logger: nestLogger,
    });
    setupHttp(app, config);
    await app.init();
    await app.get(SeedService).run();
    let stopped: Promise<void> | null = null;
    const shutdown = (): Promise<void> => {
      stopped ??= (async () => {
        app.get(ProcessLifecycle).beginStopping();
        const server = app.getHttpServer() as Server;
        const timer = setTimeout(() => server.closeAllConnections?.(), config.shutdownTimeoutMs);
        timer.unref();
        await Promise.all([
          app.get(JobWorker).stop(config.shutdownTimeoutMs),
          new Promise<void>((done) => (server.listening ? server.close(() => done()) : done())),
        ]);
        clearTimeout(timer);
        await app.close();
        if (dataSource.isInitialized) await dataSource.destroy();
        if (embedded) await embedded.stop();
      })();
      return stopped;
    };
    return {
      app,
      database: embedded ? 'embedded' : 'postgres',
      async listen(port, host = '0.0.0.0') {
        // Idle keep-alive connections outlive a load balancer's (60 s is the usual idle
        // limit) and a busy client's reuse: Node's 5 s default closes a socket just as a
        // client sends on it ("other side closed"). Shutdown closes idle sockets anyway.
        const server = app.getHttpServer() as Server;
        server.keepAliveTimeout = 65_000;
        server.headersTimeout = 66_000;
        await app.listen(port, host);
      },
      shutdown,
      stop: shutdown,
    };
  } catch (e) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    if (embedded) await embedded.stop().catch(() => undefined);
    throw e;
  }
}

export const startupLogger = new Logger('Liuyun');
