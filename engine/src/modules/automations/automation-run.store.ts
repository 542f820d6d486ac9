import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.service';
import {
  MAX_CHAIN_DEPTH,
  RUN_JOB,
  type AutomationRunView,
  type EffectSummary,
  type RunStatus,
  type RunTrigger,
} from './automation.types';

/** A run to start: what triggered it, and the data its flow gets. */
export interface RunRequest {
  automation: { id: string; key: string };
  /** Unique per automation: the same event never runs twice (replays, repeated scans). */
  eventKey: string;
  trigger: RunTrigger;
  recordId: string | null;
  input: JsonObject;
  depth: number;
  rerunOf?: string;
  requestedBy?: string;
}

export interface RunRow {
  id: string;
  automation_id: string;
  automation_key: string;
  event_key: string;
  trigger: RunTrigger;
  record_id: string | null;
  input: JsonObject;
  status: RunStatus;
  effects: EffectSummary[];
  error: { code: string; message: string } | null;
  depth: number;
  rerun_of: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export const RUN_COLUMNS = `r.id, r.automation_id, a.key AS automation_key, r.event_key, r.trigger, r.record_id,
  r.input, r.status, r.effects, r.error, r.depth, r.rerun_of, r.created_at, r.started_at, r.finished_at`;

export function toRunView(r: RunRow): AutomationRunView {
  return {
    id: r.id,
    automationId: r.automation_id,
    automationKey: r.automation_key,
    trigger: r.trigger,
    recordId: r.record_id,
    input: r.input,
    status: r.status,
    effects: r.effects,
    error: r.error,
    depth: r.depth,
    rerunOf: r.rerun_of,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at ? r.started_at.toISOString() : null,
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}

/** Raises an incident for an automation (chain too deep, a failed run). */
export async function raiseIncident(
  m: EntityManager,
  code: string,
  message: string,
  recordId: string | null,
): Promise<void> {
  await m.query(`INSERT INTO incidents (id, code, message, record_id) VALUES ($1, $2, $3, $4)`, [
    randomUUID(),
    code,
    message.slice(0, 2000),
    recordId,
  ]);
}

/**
 * The run log and the queue in front of it. A trigger becomes a `queued` run plus an
 * `automation` job in the caller's transaction (so it runs only if the change commits);
 * an event seen before (same automation, same event key) adds nothing.
 */
@Injectable()
export class AutomationRunStore {
  constructor(private readonly jobs: JobQueue) {}

  /**
   * Queues a run. Past the chain depth limit nothing runs: the run is logged as failed
   * with `automation_chain_too_deep` and an incident is raised. Returns the run id, or
   * null when the event was already seen.
   */
  async enqueue(m: EntityManager, req: RunRequest): Promise<string | null> {
    const id = randomUUID();
    const tooDeep = req.depth >= MAX_CHAIN_DEPTH;
    const error = tooDeep
      ? {
          code: 'automation_chain_too_deep',
          message: `automation "${req.automation.key}" was triggered by a chain of ${req.depth} automations (the limit is ${MAX_CHAIN_DEPTH}); it did not run`,
        }
      : null;
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO automation_runs (id, automation_id, event_key, trigger, record_id, input, status, error, depth,
                                    rerun_of, requested_by, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $7 = 'failed' THEN now() END)
       ON CONFLICT (automation_id, event_key) DO NOTHING RETURNING id`,
      [
        id,
        req.automation.id,
        req.eventKey,
        JSON.stringify(req.trigger),
        req.recordId,
        JSON.stringify(req.input),
        tooDeep ? 'failed' : 'queued',
        error ? JSON.stringify(error) : null,
        req.depth,
        req.rerunOf ?? null,
        req.requestedBy ?? null,
      ],
    );
    if (inserted.length === 0) return null;
    if (error) {
      await raiseIncident(m, error.code, error.message, req.recordId);
      return id;
    }
    await this.jobs.enqueue(m, {
      kind: RUN_JOB,
      key: `automation:${req.automation.id}:${req.eventKey}`,
      payload: { runId: id },
      maxAttempts: 3,
    });
    return id;
  }

  /** Logs a failed run that never reached the queue (a condition that could not be read). */
  async logFailure(
    m: EntityManager,
    req: RunRequest,
    error: { code: string; message: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO automation_runs (id, automation_id, event_key, trigger, record_id, input, status, error, depth, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'failed', $7, $8, now()) ON CONFLICT (automation_id, event_key) DO NOTHING`,
      [
        randomUUID(),
        req.automation.id,
        req.eventKey,
        JSON.stringify(req.trigger),
        req.recordId,
        JSON.stringify(req.input),
        JSON.stringify(error),
        req.depth,
      ],
    );
  }

  async byId(m: EntityManager, id: string, lock = false): Promise<RunRow | null> {
    const rows: RunRow[] = await m.query(
      `SELECT ${RUN_COLUMNS} FROM automation_runs r JOIN automations a ON a.id = r.automation_id
        WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async finish(
    m: EntityManager,
    id: string,
    status: Exclude<RunStatus, 'queued'>,
    effects: EffectSummary[],
    error: { code: string; message: string } | null,
  ): Promise<void> {
    await m.query(
      `UPDATE automation_runs SET status = $2, effects = $3, error = $4,
              started_at = COALESCE(started_at, now()), finished_at = clock_timestamp() WHERE id = $1`,
      [id, status, JSON.stringify(effects), error ? JSON.stringify(error) : null],
    );
  }
}
