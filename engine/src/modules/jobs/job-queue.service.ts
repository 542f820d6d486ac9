import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestId } from '../../common/observability/request-context';
import type { ClaimedJob, JobSpec } from './job.types';

interface JobRow {
  id: string;
  kind: string;
  idempotency_key: string;
  instance_id: string | null;
  payload: ClaimedJob['payload'];
  attempts: number;
  max_attempts: number;
  request_id: string | null;
  run_at: Date;
}

/** Backoff after the n-th failed attempt: 2, 4, 8 … seconds, at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** Math.max(attempts, 1), 3600);
}

/**
 * The durable work queue: timers and outbox deliveries, in Postgres. Jobs are enqueued
 * in the transaction of the step that caused them (so none fires before that commits),
 * claimed with FOR UPDATE SKIP LOCKED under a lease (so any number of engine
 * processes can work the queue, and a dead one's jobs are taken over when its lease
 * runs out), and end as done, or as failed with an incident.
 */
@Injectable()
export class JobQueue {
  constructor(private readonly db: DataSource) {}

  async enqueue(m: EntityManager, spec: JobSpec): Promise<void> {
    await m.query(
      `INSERT INTO jobs (id, kind, idempotency_key, instance_id, payload, run_at, max_attempts, request_id)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7, $8)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        randomUUID(),
        spec.kind,
        spec.key,
        spec.instanceId ?? null,
        JSON.stringify(spec.payload),
        spec.runAt ? spec.runAt.toISOString() : null,
        spec.maxAttempts ?? 5,
        // The request (or the job) whose step enqueued it: its logs carry the same id.
        currentRequestId(),
      ],
    );
  }

  /** Claims up to `limit` due jobs (or jobs whose lease ran out) for this worker. */
  async claim(
    workerId: string,
    limit: number,
    leaseSeconds: number,
    asOf: Date | null,
  ): Promise<ClaimedJob[]> {
    // Due jobs and jobs whose lease ran out are found through their own partial indexes
    // (jobs_due_idx, jobs_lease_idx): a claim costs the same at any queue depth.
    const rows: JobRow[] = await this.db
      .query(
        `WITH due AS (
           SELECT id FROM jobs WHERE status = 'pending' AND run_at <= COALESCE($4::timestamptz, now())
            ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED),
         stale AS (
           SELECT id FROM jobs WHERE status = 'running' AND locked_until < COALESCE($4::timestamptz, now())
            ORDER BY locked_until LIMIT $2 FOR UPDATE SKIP LOCKED),
         picked AS (SELECT id FROM stale UNION SELECT id FROM due LIMIT $2)
        UPDATE jobs SET status = 'running', locked_by = $1, locked_until = now() + make_interval(secs => $3),
              attempts = attempts + 1, updated_at = now()
        WHERE id IN (SELECT id FROM picked)
        RETURNING id, kind, idempotency_key, instance_id, payload, attempts, max_attempts, request_id, run_at`,
        [workerId, limit, leaseSeconds, asOf ? asOf.toISOString() : null],
      )
      .then((res: [JobRow[], number]) => res[0]);
    // Worked in the order they fell due (a reminder before its deadline).
    rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime());
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      key: r.idempotency_key,
      instanceId: r.instance_id,
      payload: r.payload,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      requestId: r.request_id,
    }));
  }

  /** Marks a claimed job done; false when the lease was lost to another worker meanwhile. */
  async complete(m: EntityManager, job: ClaimedJob, workerId: string): Promise<boolean> {
    const [, affected] = (await m.query(
      `UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = now()
        WHERE id = $1 AND status = 'running' AND locked_by = $2`,
      [job.id, workerId],
    )) as [unknown, number];
    return affected === 1;
  }

  /**
   * Marks claimed jobs done in one statement; the ids it marked (a job whose lease was
   * lost to another worker meanwhile is left out).
   */
  async completeMany(
    m: EntityManager,
    jobs: readonly ClaimedJob[],
    workerId: string,
  ): Promise<Set<string>> {
    const [rows] = (await m.query(
      `UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'running' AND locked_by = $2
        RETURNING id`,
      [jobs.map((j) => j.id), workerId],
    )) as [{ id: string }[], number];
    return new Set(rows.map((r) => r.id));
  }

  /** After a failure: back to pending with backoff, or failed with an incident at the last attempt. */
  async fail(
    job: ClaimedJob,
    workerId: string,
    error: string,
    permanent: boolean,
  ): Promise<'retry' | 'incident'> {
    return this.db.transaction(async (m) => {
      const last = permanent || job.attempts >= job.maxAttempts;
      const [, affected] = (await m.query(
        `UPDATE jobs SET status = $3, locked_by = NULL, locked_until = NULL, last_error = $4,
                run_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $5) ELSE run_at END,
                updated_at = now()
          WHERE id = $1 AND status = 'running' AND locked_by = $2`,
        [
          job.id,
          workerId,
          last ? 'failed' : 'pending',
          error.slice(0, 2000),
          backoffSeconds(job.attempts),
        ],
      )) as [unknown, number];
      if (affected !== 1 || !last) return 'retry';
      const rows: { record_id: string }[] = job.instanceId
        ? await m.query('SELECT record_id FROM process_instances WHERE id = $1', [job.instanceId])
        : [];
      await m.query(
        `INSERT INTO incidents (id, code, message, job_id, instance_id, record_id, node_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          randomUUID(),
          `${job.kind}_failed`,
          `${job.kind} failed after ${job.attempts} attempt(s): ${error.slice(0, 500)}`,
          job.id,
          job.instanceId,
          rows[0]?.record_id ?? null,
          typeof job.payload.nodeId === 'string' ? job.payload.nodeId : null,
        ],
      );
      return 'incident';
    });
  }

  /** Gives a failed job a fresh set of attempts, due now. */
  async reopen(m: EntityManager, jobId: string): Promise<boolean> {
    const [, affected] = (await m.query(
      `UPDATE jobs SET status = 'pending', attempts = 0, run_at = now(), last_error = NULL, updated_at = now()
        WHERE id = $1 AND status = 'failed'`,
      [jobId],
    )) as [unknown, number];
    return affected === 1;
  }

  /** Hands back this worker's leases (graceful shutdown); how many it handed back. */
  async release(workerId: string): Promise<number> {
    const [, released] = (await this.db.query(
      `UPDATE jobs SET status = 'pending', locked_by = NULL, locked_until = NULL, attempts = GREATEST(attempts - 1, 0)
        WHERE status = 'running' AND locked_by = $1`,
      [workerId],
    )) as [unknown, number];
    return released;
  }
}
