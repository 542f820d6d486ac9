import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { ProcessLifecycle } from './process-lifecycle.service';

export type CheckState = 'ok' | 'failing';

export interface Readiness {
  ready: boolean;
  role: AppConfig['role'];
  checks: {
    database: CheckState;
    migrations: { state: 'current' | 'pending' | 'unknown'; pending: string[] };
    workers: 'running' | 'stalled' | 'stopped' | 'not_in_this_process';
    stopping: boolean;
  };
}

const DATABASE_TIMEOUT_MS = 3000;

/**
 * Whether this process should be sent traffic and work: the database answers, every
 * migration this build knows is applied, the workers (when this process has them)
 * passed over the queue lately, and the process is not stopping.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly db: DataSource,
    private readonly lifecycle: ProcessLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<Readiness> {
    let database: CheckState = 'ok';
    let migrations: Readiness['checks']['migrations'] = { state: 'unknown', pending: [] };
    try {
      const applied = await withTimeout(
        this.db.query('SELECT name FROM schema_migrations') as Promise<{ name: string }[]>,
        DATABASE_TIMEOUT_MS,
      );
      const names = new Set(applied.map((r) => r.name));
      const pending = this.db.migrations
        .map((m) => m.name ?? m.constructor.name)
        .filter((n) => !names.has(n));
      migrations = { state: pending.length === 0 ? 'current' : 'pending', pending };
    } catch {
      database = 'failing';
    }
    const workers = this.workerState();
    const stopping = this.lifecycle.stopping;
    return {
      ready:
        database === 'ok' &&
        migrations.state === 'current' &&
        (workers === 'running' || workers === 'not_in_this_process') &&
        !stopping,
      role: this.config.role,
      checks: { database, migrations, workers, stopping },
    };
  }

  private workerState(): Readiness['checks']['workers'] {
    if (!this.config.workers) return 'not_in_this_process';
    if (this.lifecycle.stopping) return 'stopped';
    const silence = this.lifecycle.workerSilenceMs();
    // A pass may take a while (a batch of slow webhooks); silence beyond this is a stall.
    const allowed = Math.max(10 * this.config.workerPollMs, 30_000);
    if (silence === null) {
      const sinceStart = Date.now() - this.lifecycle.startedAt.getTime();
      return sinceStart < allowed ? 'running' : 'stalled';
    }
    return silence < allowed ? 'running' : 'stalled';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
