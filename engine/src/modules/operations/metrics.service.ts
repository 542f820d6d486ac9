import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import {
  readDatabaseFigures,
  readPoolFigures,
  type DatabaseFigures,
  type PoolFigures,
} from './operations-figures.query';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Latency of one route, read back from the histogram (for the admin page). */
export interface RouteLatency {
  method: string;
  route: string;
  count: number;
  meanMs: number;
  /** Upper bound of the bucket holding the 95th percentile; null: above the last bucket (10 s). */
  p95Ms: number | null;
  errors: number;
}

/**
 * The Prometheus metrics of this process (prom-client, one registry per application):
 * HTTP latency by route, job outcomes and retries counted here, and on every scrape the
 * figures the database holds (open tasks, outbox and timer lag, incidents) and the use
 * of this process's connection pool.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly jobRetries: Counter<'kind'>;
  private readonly jobOutcomes: Counter<'kind' | 'outcome'>;
  private readonly gauges: Record<string, Gauge<string>>;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'liuyun_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.jobRetries = new Counter({
      name: 'liuyun_job_retries_total',
      help: 'Job attempts that failed and were scheduled again, by job kind (this process)',
      labelNames: ['kind'],
      registers,
    });
    this.jobOutcomes = new Counter({
      name: 'liuyun_jobs_processed_total',
      help: 'Jobs this process ran, by kind and outcome (done, retry, incident, lease_lost)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers });
    this.gauges = {
      openTasks: gauge('liuyun_open_tasks', 'Tasks waiting for a person'),
      openIncidents: gauge('liuyun_open_incidents', 'Incidents not yet resolved'),
      outboxDue: gauge('liuyun_outbox_due', 'Outbox deliveries due and not yet delivered'),
      outboxLag: gauge(
        'liuyun_outbox_lag_seconds',
        'How late the oldest due outbox delivery is (0 when none is due)',
      ),
      timersDue: gauge('liuyun_timers_due', 'Timers due and not yet fired'),
      timerLag: gauge('liuyun_timer_lag_seconds', 'How late the oldest due timer is'),
      jobs: gauge('liuyun_jobs', 'Jobs by state: running, waiting_retry, failed', ['state']),
      pool: gauge('liuyun_db_pool_connections', 'Database pool of this process', ['state']),
      info: gauge('liuyun_process_info', 'This process: its role and whether it runs workers', [
        'role',
        'workers',
      ]),
    };
    this.gauges.info!.set({ role: config.role, workers: String(config.workers) }, 1);
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  jobRan(kind: string, outcome: 'done' | 'retry' | 'incident' | 'lease_lost'): void {
    this.jobOutcomes.inc({ kind, outcome });
    if (outcome === 'retry') this.jobRetries.inc({ kind });
  }

  async retriesTotal(): Promise<number> {
    const m = await this.jobRetries.get();
    return m.values.reduce((sum, v) => sum + v.value, 0);
  }

  /** Reads the database figures and the pool into the gauges; returns them too. */
  async refresh(): Promise<{ database: DatabaseFigures; pool: PoolFigures }> {
    const database = await readDatabaseFigures(this.db);
    const pool = readPoolFigures(this.db);
    const g = this.gauges;
    g.openTasks!.set(database.openTasks);
    g.openIncidents!.set(database.openIncidents);
    g.outboxDue!.set(database.outbox.due);
    g.outboxLag!.set(database.outbox.lagSeconds);
    g.timersDue!.set(database.timers.due);
    g.timerLag!.set(database.timers.lagSeconds);
    g.jobs!.set({ state: 'running' }, database.jobs.running);
    g.jobs!.set({ state: 'waiting_retry' }, database.jobs.waitingRetry);
    g.jobs!.set({ state: 'failed' }, database.jobs.failed);
    g.pool!.set({ state: 'max' }, pool.max);
    g.pool!.set({ state: 'total' }, pool.total);
    g.pool!.set({ state: 'idle' }, pool.idle);
    g.pool!.set({ state: 'in_use' }, pool.total - pool.idle);
    g.pool!.set({ state: 'waiting' }, pool.waiting);
    return { database, pool };
  }

  /** The text exposition Prometheus scrapes. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    await this.refresh();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Per route: count, mean and p95 from the histogram's buckets. */
  async routeLatencies(): Promise<RouteLatency[]> {
    const { values } = await this.http.get();
    const byRoute = new Map<
      string,
      {
        method: string;
        route: string;
        count: number;
        sum: number;
        errors: number;
        buckets: Map<number, number>;
      }
    >();
    for (const v of values) {
      const method = String(v.labels.method ?? '');
      const route = String(v.labels.route ?? '');
      const key = `${method} ${route}`;
      const entry = byRoute.get(key) ?? {
        method,
        route,
        count: 0,
        sum: 0,
        errors: 0,
        buckets: new Map<number, number>(),
      };
      byRoute.set(key, entry);
      const name = (v as { metricName?: string }).metricName ?? '';
      if (name.endsWith('_count')) {
        entry.count += v.value;
        if (Number(v.labels.status) >= 500) entry.errors += v.value;
      } else if (name.endsWith('_sum')) entry.sum += v.value;
      else if (name.endsWith('_bucket')) {
        const raw = (v.labels as Record<string, string | number | undefined>).le;
        const le = raw === '+Inf' ? Infinity : Number(raw);
        entry.buckets.set(le, (entry.buckets.get(le) ?? 0) + v.value);
      }
    }
    return [...byRoute.values()]
      .filter((e) => e.count > 0)
      .map((e) => {
        const target = e.count * 0.95;
        const bound = [...e.buckets.entries()]
          .sort((a, b) => a[0] - b[0])
          .find(([, cumulative]) => cumulative >= target)?.[0];
        return {
          method: e.method,
          route: e.route,
          count: e.count,
          meanMs: Math.round((e.sum / e.count) * 1000 * 10) / 10,
          p95Ms: bound === undefined || bound === Infinity ? null : bound * 1000,
          errors: e.errors,
        };
      })
      .sort((a, b) => b.count - a.count);
  }
}
