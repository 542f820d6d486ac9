import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { JobWorker } from '../jobs/job-worker.service';
import { MetricsService, type RouteLatency } from './metrics.service';
import type { DatabaseFigures, PoolFigures } from './operations-figures.query';
import { ProcessLifecycle } from './process-lifecycle.service';

/** What the admin page shows: the figures behind /metrics, as JSON. */
export interface OperationsFigures {
  at: string;
  process: {
    pid: number;
    role: AppConfig['role'];
    workers: boolean;
    workerId: string;
    startedAt: string;
    uptimeSeconds: number;
    stopping: boolean;
    memoryRssBytes: number;
  };
  database: DatabaseFigures & { pool: PoolFigures };
  jobRetriesTotal: number;
  http: RouteLatency[];
}

@Injectable()
export class OperationsFiguresService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly lifecycle: ProcessLifecycle,
    private readonly worker: JobWorker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async read(): Promise<OperationsFigures> {
    const { database, pool } = await this.metrics.refresh();
    const now = new Date();
    return {
      at: now.toISOString(),
      process: {
        pid: process.pid,
        role: this.config.role,
        workers: this.config.workers,
        workerId: this.worker.workerId,
        startedAt: this.lifecycle.startedAt.toISOString(),
        uptimeSeconds: Math.round((now.getTime() - this.lifecycle.startedAt.getTime()) / 1000),
        stopping: this.lifecycle.stopping,
        memoryRssBytes: process.memoryUsage.rss(),
      },
      database: { ...database, pool },
      jobRetriesTotal: await this.metrics.retriesTotal(),
      http: await this.metrics.routeLatencies(),
    };
  }
}
