import type { DataSource } from 'typeorm';

/** Jobs that wait for a clock (timers and automation schedules); every other kind is outbox. */
export const TIMER_KINDS = ['timer', 'automation_schedule'];

/** What the database holds right now, the same for every process that reads it. */
export interface DatabaseFigures {
  openTasks: number;
  openIncidents: number;
  outbox: { due: number; lagSeconds: number };
  timers: { due: number; lagSeconds: number };
  jobs: { running: number; waitingRetry: number; failed: number };
}

interface Row {
  open_tasks: string;
  open_incidents: string;
  outbox_due: string;
  outbox_lag: string | null;
  timers_due: string;
  timers_lag: string | null;
  running: string;
  waiting_retry: string;
  failed: string;
}

/**
 * One round trip: open tasks, open incidents, and for outbox deliveries and timers how
 * many are due and how late the oldest due one is (lag: now minus its due time).
 */
export async function readDatabaseFigures(db: DataSource): Promise<DatabaseFigures> {
  const rows: Row[] = await db.query(
    `SELECT
       (SELECT count(*) FROM tasks WHERE status = 'open') AS open_tasks,
       (SELECT count(*) FROM incidents WHERE status = 'open') AS open_incidents,
       (SELECT count(*) FROM jobs WHERE status = 'pending' AND run_at <= now() AND kind <> ALL($1)) AS outbox_due,
       (SELECT EXTRACT(EPOCH FROM now() - min(run_at)) FROM jobs
         WHERE status = 'pending' AND run_at <= now() AND kind <> ALL($1)) AS outbox_lag,
       (SELECT count(*) FROM jobs WHERE status = 'pending' AND run_at <= now() AND kind = ANY($1)) AS timers_due,
       (SELECT EXTRACT(EPOCH FROM now() - min(run_at)) FROM jobs
         WHERE status = 'pending' AND run_at <= now() AND kind = ANY($1)) AS timers_lag,
       (SELECT count(*) FROM jobs WHERE status = 'running') AS running,
       (SELECT count(*) FROM jobs WHERE status = 'pending' AND attempts > 0) AS waiting_retry,
       (SELECT count(*) FROM jobs WHERE status = 'failed') AS failed`,
    [TIMER_KINDS],
  );
  const r = rows[0]!;
  const n = (v: string | null) => (v === null ? 0 : Number(v));
  return {
    openTasks: n(r.open_tasks),
    openIncidents: n(r.open_incidents),
    outbox: { due: n(r.outbox_due), lagSeconds: Math.max(0, n(r.outbox_lag)) },
    timers: { due: n(r.timers_due), lagSeconds: Math.max(0, n(r.timers_lag)) },
    jobs: { running: n(r.running), waitingRetry: n(r.waiting_retry), failed: n(r.failed) },
  };
}

export interface PoolFigures {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** The connection pool of the data source (pg's Pool behind TypeORM's Postgres driver). */
export function readPoolFigures(db: DataSource): PoolFigures {
  const pool = (db.driver as unknown as { master?: PgPoolLike }).master;
  const max = Number((db.options as { extra?: { max?: number } }).extra?.max ?? 10);
  if (!pool) return { max, total: 0, idle: 0, waiting: 0 };
  return {
    max: pool.options?.max ?? max,
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  };
}
