import 'reflect-metadata';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config/app-config';
import { createDataSource, runMigrations } from '../database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres';
import { SeedService } from './seed.service';
import { setupHttp } from './http-setup';

export interface Liuyun {
  app: INestApplication;
  database: 'embedded' | 'postgres';
  stop(): Promise<void>;
}

export interface LiuyunOptions {
  /** Keep the embedded database in memory instead of `dataDir` (tests). */
  inMemory?: boolean;
  logLevels?: LogLevel[];
}

/**
 * Everything a process needs before it listens: the database (embedded or a server),
 * migrations under a lock, the Nest application, and first-start seeding.
 */
export async function createLiuyun(
  config: AppConfig,
  options: LiuyunOptions = {},
): Promise<Liuyun> {
  let embedded: EmbeddedPostgres | null = null;
  if (config.databaseUrl === null) {
    embedded = await startEmbeddedPostgres(options.inMemory ? null : config.dataDir);
  }
  const dataSource = createDataSource(config.databaseUrl ?? embedded!.url, embedded !== null);
  try {
    await dataSource.initialize();
    await runMigrations(dataSource, embedded !== null);
    const app = await NestFactory.create(AppModule.register(config, dataSource), {
      bodyParser: false,
      logger: options.logLevels ?? ['log', 'warn', 'error'],
    });
    setupHttp(app, config);
    await app.init();
    await app.get(SeedService).run();
    return {
      app,
      database: embedded ? 'embedded' : 'postgres',
      async stop() {
        await app.close();
        if (dataSource.isInitialized) await dataSource.destroy();
        if (embedded) await embedded.stop();
      },
    };
  } catch (e) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    if (embedded) await embedded.stop().catch(() => undefined);
    throw e;
  }
}

export const startupLogger = new Logger('Liuyun');
