import type { JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

export interface JobSpec {
  kind: string;
  /** Unique: enqueuing the same key twice keeps one job (and receivers dedupe on it). */
  key: string;
  instanceId?: string | null;
  payload: JsonObject;
  runAt?: Date;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  key: string;
  instanceId: string | null;
  payload: JsonObject;
  attempts: number;
  maxAttempts: number;
  /** The request whose step enqueued this job, for its logs. */
  requestId?: string | null;
}

/**
 * How a kind of job is carried out.
 * - `transactional`: runs inside the transaction that marks the job done, so its
 *   database effects commit exactly once (timers firing into the process engine).
 * - `external`: talks to the outside world first (webhooks); the job is marked done
 *   afterwards, so delivery is at least once and carries the idempotency key.
 */
export type JobHandler =
  | {
      kind: string;
      mode: 'transactional';
      run(job: ClaimedJob, m: EntityManager): Promise<void>;
      /**
       * Optional: carries out several claimed jobs of this kind (no two of one instance) in
       * the caller's ONE transaction, each inside `each` (its log context). Throwing rolls
       * the whole batch back; the worker then runs the jobs one by one with `run`, so a
       * failing job still fails alone.
       */
      runBatch?(jobs: readonly ClaimedJob[], m: EntityManager, each: JobScope): Promise<void>;
    }
  | { kind: string; mode: 'external'; run(job: ClaimedJob): Promise<void> };

/** Runs one job's part of a batch under that job's log context. */
export type JobScope = (job: ClaimedJob, work: () => Promise<void>) => Promise<void>;

/** A handler failure that no retry can mend: straight to an incident. */
export class PermanentJobError extends Error {}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
