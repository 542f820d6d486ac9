import type { EntityManager } from 'typeorm';
import { conflict } from '../../common/errors/app-error';
import { currentRequestId } from '../../common/observability/request-context';

/** A line of a record's timeline (record_events). */
export interface EventRow {
  id: string;
  record_id: string;
  instance_id: string | null;
  type: string;
  actor_id: string | null;
  node_id: string | null;
  node_name: object | null;
  comment: string | null;
  details: object | null;
}

/** A row of the append-only audit log. */
export interface AuditRow {
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: object | null;
  after: object | null;
}

/** A task to insert (or to reopen, when its key exists for the instance). */
export interface TaskRow {
  id: string;
  instance_id: string;
  record_id: string;
  form_id: string;
  task_key: string;
  kind: string;
  node_id: string;
  node_name: object;
  assignee_id: string;
  origin: string | null;
  /** `open`, or how it ended when the same step created and closed it. */
  status: 'open' | 'completed' | 'cancelled';
  action: string | null;
}

/** An open task that ends: completed with an action, or cancelled. */
interface TaskClose {
  instance_id: string;
  task_key: string;
  status: 'completed' | 'cancelled';
  action: string | null;
}

/** The acting task's comment, stored with the decision (and its draft dropped). */
interface TaskComment {
  instance_id: string;
  task_key: string;
  comment: string | null;
}

export interface JobRow {
  id: string;
  kind: string;
  idempotency_key: string;
  instance_id: string | null;
  payload: object;
  run_at: string | null;
  max_attempts: number;
  status: 'pending' | 'cancelled';
  /** The request (or job) whose step enqueued it: its logs carry the same id. */
  request_id: string | null;
}

export interface InstanceInsert {
  id: string;
  record_id: string;
  form_id: string;
  form_version: number;
  state: object;
  status: string;
  outcome: string | null;
  version: number;
  started_by: string;
  parent_instance_id: string | null;
  parent_token_id: string | null;
  wait_for_parent: boolean;
}

interface InstanceUpdate {
  id: string;
  /** The version the step read; the update applies only if it is still current. */
  version: number;
  state: object;
  status: string;
  outcome: string | null;
}

/** An in-app notification row (skipped when the user already has its key). */
export interface NotificationRow {
  id: string;
  user_id: string;
  idempotency_key: string;
  record_id: string | null;
  instance_id: string | null;
  node_id: string | null;
  reason: string;
  message: object;
}

interface RecordPatch {
  id: string;
  patch: object;
  /** How many updates the patch stands for (the record's version moves by as many). */
  count: number;
}

const KEY = 'liuyunStepWrites';

/**
 * The writes of a step (or of a whole request), collected in memory and sent as ONE
 * statement when flushed: one multi-row INSERT or UPDATE per table, as data-modifying
 * CTEs reading their rows from a JSON parameter. Foreign keys are checked at the end of
 * the statement, so a task may name an instance inserted beside it.
 *
 * Rows are kept in the order they were written (timeline lines keep their order through
 * `WITH ORDINALITY`). Postgres runs the CTEs of one statement on one snapshot, so a row
 * must be touched by one CTE only: the collector folds what a step does to one task
 * (created then closed, closed twice) before it gets there. Whoever reads these tables
 * inside the transaction flushes first (`flush` is cheap when nothing is pending).
 */
export class StepWrites {
  private events: EventRow[] = [];
  private audits: AuditRow[] = [];
  private instanceInserts: InstanceInsert[] = [];
  private instanceUpdates: InstanceUpdate[] = [];
  private tasks = new Map<string, TaskRow>();
  private closes = new Map<string, TaskClose>();
  private comments: TaskComment[] = [];
  private jobs = new Map<string, JobRow>();
  private jobCancels = new Set<string>();
  private patches = new Map<string, RecordPatch>();
  private notifications = new Map<string, NotificationRow>();

  /**
   * Set by whoever steps several instances in one transaction (a batch of timers): the
   * steps of different instances then stay pending together and go out as one statement
   * when the opener flushes, instead of one statement per step.
   */
  holdSteps = false;

  event(row: EventRow): void {
    this.events.push(row);
  }

  audit(row: AuditRow): void {
    this.audits.push(row);
  }

  insertInstance(row: InstanceInsert): void {
    this.instanceInserts.push(row);
  }

  updateInstance(row: InstanceUpdate): void {
    this.instanceUpdates.push(row);
  }

  /** Whether instance rows wait to be written (flush before reading or stepping instances). */
  get holdsInstances(): boolean {
    return this.instanceInserts.length > 0 || this.instanceUpdates.length > 0;
  }

  /** Whether a write of this instance's row is pending (it must go out before its next step). */
  holdsInstance(id: string): boolean {
    return (
      this.instanceInserts.some((r) => r.id === id) || this.instanceUpdates.some((r) => r.id === id)
    );
  }

  get pending(): boolean {
    return (
      this.events.length > 0 ||
      this.audits.length > 0 ||
      this.holdsInstances ||
      this.tasks.size > 0 ||
      this.closes.size > 0 ||
      this.comments.length > 0 ||
      this.jobs.size > 0 ||
      this.jobCancels.size > 0 ||
      this.patches.size > 0 ||
      this.notifications.size > 0
    );
  }

  createTask(row: TaskRow): void {
    this.tasks.set(`${row.instance_id}:${row.task_key}`, row);
  }

  /** Ends an open task; the first ending wins (a closed task is no longer open). */
  closeTask(
    instanceId: string,
    taskKey: string,
    status: 'completed' | 'cancelled',
    action: string | null,
  ): void {
    const key = `${instanceId}:${taskKey}`;
    const created = this.tasks.get(key);
    if (created) {
      if (created.status === 'open') Object.assign(created, { status, action });
      return;
    }
    if (!this.closes.has(key))
      this.closes.set(key, { instance_id: instanceId, task_key: taskKey, status, action });
  }

  commentTask(instanceId: string, taskKey: string, comment: string | null): void {
    this.comments.push({ instance_id: instanceId, task_key: taskKey, comment });
  }

  /** A job to insert unless its idempotency key exists (ON CONFLICT DO NOTHING). */
  enqueueJob(row: JobRow): void {
    if (!this.jobs.has(row.idempotency_key))
      this.jobs.set(row.idempotency_key, { ...row, request_id: currentRequestId() });
  }

  /** Cancels a pending job by key (one queued in this batch is inserted as cancelled). */
  cancelJob(idempotencyKey: string): void {
    const queued = this.jobs.get(idempotencyKey);
    if (queued) queued.status = 'cancelled';
    else this.jobCancels.add(idempotencyKey);
  }

  /** Merges a patch over a record's data (patches of one record are merged in order). */
  patchRecord(recordId: string, patch: object): void {
    const earlier = this.patches.get(recordId);
    if (earlier) {
      earlier.patch = { ...earlier.patch, ...patch };
      earlier.count += 1;
    } else {
      this.patches.set(recordId, { id: recordId, patch, count: 1 });
    }
  }

  /** An in-app notification, inserted unless the user already has one with its key. */
  notify(row: NotificationRow): void {
    const key = `${row.user_id}:${row.idempotency_key}`;
    if (!this.notifications.has(key)) this.notifications.set(key, row);
  }

  /** Forgets everything pending (after a rollback to a savepoint taken when empty). */
  discard(): void {
    this.events = [];
    this.audits = [];
    this.instanceInserts = [];
    this.instanceUpdates = [];
    this.tasks.clear();
    this.closes.clear();
    this.comments = [];
    this.jobs.clear();
    this.jobCancels.clear();
    this.patches.clear();
    this.notifications.clear();
  }

  /** Sends what is pending as one statement; throws `conflict` when an instance moved on. */
  async flush(m: EntityManager): Promise<void> {
    if (!this.pending) return;
    const ctes: string[] = [];
    const params: unknown[] = [];
    const json = (rows: unknown) => {
      params.push(JSON.stringify(rows));
      return `$${params.length}::jsonb`;
    };
    const updates = this.instanceUpdates;
    const foldedComments = this.foldComments();

    if (this.instanceInserts.length > 0)
      ctes.push(`pi_new AS (
        INSERT INTO process_instances (id, record_id, form_id, form_version, state, status, outcome, version,
                                       started_by, parent_instance_id, parent_token_id, wait_for_parent)
        SELECT id, record_id, form_id, form_version, state, status, outcome, version,
               started_by, parent_instance_id, parent_token_id, wait_for_parent
          FROM jsonb_to_recordset(${json(this.instanceInserts)}) AS x(id uuid, record_id uuid, form_id uuid,
               form_version integer, state jsonb, status text, outcome text, version integer, started_by uuid,
               parent_instance_id uuid, parent_token_id text, wait_for_parent boolean))`);
    if (updates.length > 0)
      ctes.push(`pi_upd AS (
        UPDATE process_instances p SET state = x.state, status = x.status, outcome = x.outcome,
               version = p.version + 1, updated_at = now()
          FROM jsonb_to_recordset(${json(updates)}) AS x(id uuid, version integer, state jsonb, status text, outcome text)
         WHERE p.id = x.id AND p.version = x.version
        RETURNING p.id)`);
    if (this.patches.size > 0)
      ctes.push(`rec_upd AS (
        UPDATE records r SET data = r.data || x.patch, version = r.version + x.count, updated_at = now()
          FROM jsonb_to_recordset(${json([...this.patches.values()])}) AS x(id uuid, patch jsonb, count integer)
         WHERE r.id = x.id)`);
    if (this.tasks.size > 0)
      ctes.push(`task_new AS (
        INSERT INTO tasks (id, instance_id, record_id, form_id, task_key, kind, node_id, node_name, assignee_id,
                           status, action, completed_at, origin)
        SELECT id, instance_id, record_id, form_id, task_key, kind, node_id, node_name, assignee_id,
               status, action, CASE WHEN status = 'open' THEN NULL ELSE now() END, origin
          FROM jsonb_to_recordset(${json([...this.tasks.values()])}) AS x(id uuid, instance_id uuid, record_id uuid,
               form_id uuid, task_key text, kind text, node_id text, node_name jsonb, assignee_id uuid,
               status text, action text, origin text)
        ON CONFLICT (instance_id, task_key) DO UPDATE SET status = EXCLUDED.status, assignee_id = EXCLUDED.assignee_id,
          action = EXCLUDED.action, comment = NULL, completed_at = EXCLUDED.completed_at, origin = EXCLUDED.origin)`);
    if (this.closes.size > 0 || foldedComments.length > 0)
      ctes.push(`task_end AS (
        UPDATE tasks t SET status = COALESCE(x.status, t.status), action = COALESCE(x.action, t.action),
               completed_at = CASE WHEN x.status IS NULL THEN t.completed_at ELSE now() END,
               comment = CASE WHEN x.commented THEN x.comment ELSE t.comment END,
               draft = CASE WHEN x.commented THEN NULL ELSE t.draft END
          FROM jsonb_to_recordset(${json([...this.closes.values(), ...foldedComments])})
               AS x(instance_id uuid, task_key text, status text, action text, comment text, commented boolean)
         WHERE t.instance_id = x.instance_id AND t.task_key = x.task_key
           AND (x.status IS NULL OR t.status = 'open'))`);
    if (this.jobs.size > 0)
      ctes.push(`job_new AS (
        INSERT INTO jobs (id, kind, idempotency_key, instance_id, payload, run_at, max_attempts, status, request_id)
        SELECT id, kind, idempotency_key, instance_id, payload, COALESCE(run_at, now()), max_attempts, status, request_id
          FROM jsonb_to_recordset(${json([...this.jobs.values()])}) AS x(id uuid, kind text, idempotency_key text,
               instance_id uuid, payload jsonb, run_at timestamptz, max_attempts integer, status text, request_id text)
        ON CONFLICT (idempotency_key) DO NOTHING)`);
    if (this.jobCancels.size > 0)
      ctes.push(`job_end AS (
        UPDATE jobs SET status = 'cancelled', updated_at = now()
         WHERE idempotency_key = ANY(ARRAY(SELECT jsonb_array_elements_text(${json([...this.jobCancels])})))
           AND status = 'pending')`);
    if (this.events.length > 0)
      ctes.push(`ev AS (
        INSERT INTO record_events (id, record_id, instance_id, type, actor_id, node_id, node_name, comment, details)
        SELECT id, record_id, instance_id, type, actor_id, node_id, node_name, comment, details
          FROM ROWS FROM (jsonb_to_recordset(${json(this.events)}) AS (id uuid, record_id uuid, instance_id uuid,
               type text, actor_id uuid, node_id text, node_name jsonb, comment text, details jsonb))
               WITH ORDINALITY AS x(id, record_id, instance_id, type, actor_id, node_id, node_name, comment, details, n)
         ORDER BY n)`);
    if (this.audits.length > 0)
      ctes.push(`au AS (
        INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after)
        SELECT actor_id, action, entity_type, entity_id, before, after
          FROM ROWS FROM (jsonb_to_recordset(${json(this.audits)}) AS (actor_id uuid, action text,
               entity_type text, entity_id text, before jsonb, after jsonb))
               WITH ORDINALITY AS x(actor_id, action, entity_type, entity_id, before, after, n)
         ORDER BY n)`);
    if (this.notifications.size > 0)
      ctes.push(`notif_new AS (
        INSERT INTO notifications (id, user_id, idempotency_key, record_id, instance_id, node_id, reason, message)
        SELECT id, user_id, idempotency_key, record_id, instance_id, node_id, reason, message
          FROM jsonb_to_recordset(${json([...this.notifications.values()])}) AS x(id uuid, user_id uuid,
               idempotency_key text, record_id uuid, instance_id uuid, node_id text, reason text, message jsonb)
        ON CONFLICT (user_id, idempotency_key) DO NOTHING)`);
    const counted = updates.length > 0 ? '(SELECT count(*) FROM pi_upd)::int' : '0';
    this.discard();
    const rows: { updated: number }[] = await m.query(
      `WITH ${ctes.join(',\n')} SELECT ${counted} AS updated`,
      params,
    );
    if ((rows[0]?.updated ?? 0) !== updates.length)
      throw conflict('conflict', 'The process moved on meanwhile; reload and try again.');
  }

  /** Comments on tasks this batch closes ride on the close; the others are updates of their own. */
  private foldComments(): (TaskComment & { commented: true; status: null; action: null })[] {
    const rest: (TaskComment & { commented: true; status: null; action: null })[] = [];
    for (const c of this.comments) {
      const key = `${c.instance_id}:${c.task_key}`;
      const close = this.closes.get(key);
      if (close) Object.assign(close, { comment: c.comment, commented: true });
      else rest.push({ ...c, commented: true, status: null, action: null });
    }
    return rest;
  }
}

interface WithData {
  queryRunner?: { data?: Record<string, unknown> };
}

/** The batch a transaction opened with `withStepWrites`, if any. */
export function openWrites(m: EntityManager): StepWrites | undefined {
  const found = (m as WithData).queryRunner?.data?.[KEY];
  return found instanceof StepWrites ? found : undefined;
}

/**
 * Runs `work` with a write batch open on the transaction: timeline lines and audit rows
 * written meanwhile join the steps' statements instead of going one by one. With
 * `holdSteps`, the steps' own writes wait too (see `StepWrites.holdSteps`). Whatever is
 * still pending is sent before `work`'s result is returned, so it commits with it.
 */
export async function withStepWrites<T>(
  m: EntityManager,
  work: () => Promise<T>,
  options: { holdSteps?: boolean } = {},
): Promise<T> {
  const runner = (m as WithData).queryRunner;
  if (!runner) return work();
  runner.data ??= {};
  const writes = new StepWrites();
  writes.holdSteps = options.holdSteps ?? false;
  runner.data[KEY] = writes;
  try {
    const result = await work();
    await writes.flush(m);
    return result;
  } finally {
    delete runner.data[KEY];
  }
}

/**
 * Runs a step's `work` with the transaction's open batch, or with one opened for it;
 * either way what is pending is sent when `work` is done (the caller flushes at its end).
 */
export async function inStepWrites<T>(
  m: EntityManager,
  work: (writes: StepWrites) => Promise<T>,
): Promise<T> {
  const open = openWrites(m);
  if (open) return work(open);
  const runner = (m as WithData).queryRunner;
  const writes = new StepWrites();
  if (!runner) {
    const result = await work(writes);
    await writes.flush(m);
    return result;
  }
  runner.data ??= {};
  runner.data[KEY] = writes;
  try {
    return await work(writes);
  } finally {
    delete runner.data[KEY];
  }
}
