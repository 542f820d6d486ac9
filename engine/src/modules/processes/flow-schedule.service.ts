import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import {
  prepareForm,
  type DurationSpec,
  type FlowDefinition,
  type JsonObject,
} from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import { FormPublications, type FormPublication } from '../apps/form-publications.bus';
import { FormVersionCache } from '../apps/form-version.cache';
import { PublishedFormCache } from '../apps/published-form.cache';
import { nextCronTime, parseCron } from '../automations/cron.schedule';
import { JobQueue } from '../jobs/job-queue.service';
import { JobWorker } from '../jobs/job-worker.service';
import type { ClaimedJob } from '../jobs/job.types';
import { RecordChangeBus, type RecordChange } from '../records/record-change.bus';
import { writeRecordEvent } from '../records/record-event.writer';
import { BusinessClock } from './business-clock.service';
import { ProcessRunner } from './process-runner.service';

/** A slot of a cron-started flow is due: create a record and start the flow on it. */
export const FLOW_SLOT_JOB = 'flow_schedule';
/** A record's date (plus the offset) is due: start the flow on that record. */
export const FLOW_DATE_JOB = 'flow_date';

/** Most records scanned when a version with a date schedule is published. */
const SCAN_LIMIT = 5_000;
const MINUTE = 60_000;

type ScheduleSettings = {
  trigger: 'schedule';
  cron?: string;
  dateField?: string;
  offset?: DurationSpec;
};

/** The schedule of a flow whose start trigger is `schedule`, else null. */
export function scheduleOf(flow: FlowDefinition | null): ScheduleSettings | null {
  const start = flow?.nodes.find((n) => n.type === 'start');
  return start?.type === 'start' && start.settings.trigger === 'schedule' ? start.settings : null;
}

function offsetMs(offset: DurationSpec | undefined): number {
  if (!offset) return 0;
  return ((offset.days ?? 0) * 1440 + (offset.hours ?? 0) * 60 + (offset.minutes ?? 0)) * MINUTE;
}

/**
 * When a date field's value is due: a plain date (`YYYY-MM-DD`) at local midnight of the
 * business calendar's UTC offset, a date-time as it is; plus the schedule's offset.
 */
export function dueAtOfDate(
  value: unknown,
  offset: DurationSpec | undefined,
  utcOffsetMinutes: number,
): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  let at: number;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    at = Date.parse(`${value}T00:00:00.000Z`) - utcOffsetMinutes * MINUTE;
  } else {
    at = Date.parse(value);
  }
  if (Number.isNaN(at)) return null;
  return new Date(at + offsetMs(offset));
}

/**
 * Flows whose start trigger is `schedule` (定时触发), started by the host through the job
 * queue, so every engine process may work them and each due time starts one flow:
 *
 * - `cron`: each slot (read in the business calendar's UTC offset) creates a record of the
 *   form with its default values, submitted as the user who published the version, and
 *   starts the flow on it. One pending job per form version and slot (the slot is in its
 *   idempotency key); firing a slot plans the next.
 * - `dateField` (+ `offset`): once per record and date value, at that date plus the
 *   offset. Creating or changing a record (and publishing the version) queues a job keyed
 *   by record, field and value; a job whose value is no longer the record's, or whose
 *   record already runs a process, ends quietly.
 *
 * A job runs in the transaction that marks it done (`transactional`), so the record, the
 * instance and the next slot commit exactly once per due time.
 */
@Injectable()
export class FlowSchedule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('FlowSchedule');

  constructor(
    private readonly db: DataSource,
    private readonly worker: JobWorker,
    private readonly jobs: JobQueue,
    private readonly publications: FormPublications,
    private readonly changes: RecordChangeBus,
    private readonly publishedForms: PublishedFormCache,
    private readonly versions: FormVersionCache,
    private readonly clock: BusinessClock,
    private readonly runner: ProcessRunner,
  ) {}

  onModuleInit(): void {
    this.worker.register({
      kind: FLOW_SLOT_JOB,
      mode: 'transactional',
      run: (job, m) => this.fireSlot(job, m),
    });
    this.worker.register({
      kind: FLOW_DATE_JOB,
      mode: 'transactional',
      run: (job, m) => this.fireDate(job, m),
    });
    this.publications.subscribe((m, p) => this.onPublished(m, p));
    this.changes.subscribe((m, change) => this.onRecordChange(m, change));
  }

  /**
   * Every process makes sure each published cron flow has its next slot queued (versions
   * published before this existed, apps imported otherwise); the slot's key keeps it one.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const forms: { id: string; version: number; flow: FlowDefinition | null }[] =
        await this.db.query(
          `SELECT f.id, f.published_version AS version, v.flow FROM forms f
             JOIN form_versions v ON v.form_id = f.id AND v.version = f.published_version
            WHERE f.published_version > 0 AND v.flow IS NOT NULL`,
        );
      for (const form of forms) {
        const schedule = scheduleOf(form.flow);
        if (schedule?.cron === undefined) continue;
        await this.db.transaction((m) => this.planSlot(m, form.id, form.version, schedule.cron!));
      }
    } catch (e) {
      this.logger.error(`planning scheduled flows failed: ${e instanceof Error ? e.message : e}`);
    }
  }

  private async utcOffset(m: EntityManager): Promise<number> {
    return (await this.clock.calendarOptions(m)).utcOffsetMinutes ?? 480;
  }

  private async dbNow(m: EntityManager): Promise<Date> {
    const rows: { now: Date }[] = await m.query('SELECT now() AS now');
    return rows[0]?.now ?? new Date();
  }

  /** Queues the first slot after `after` (now when absent) of a cron flow. */
  async planSlot(
    m: EntityManager,
    formId: string,
    version: number,
    cron: string,
    after?: Date,
  ): Promise<void> {
    let schedule;
    try {
      schedule = parseCron(cron);
    } catch (e) {
      await m.query(
        `INSERT INTO incidents (id, code, message) VALUES ($1, 'schedule_invalid', $2)`,
        [randomUUID(), `the schedule "${cron}" of form ${formId} v${version}: ${String(e)}`],
      );
      return;
    }
    const slot = nextCronTime(schedule, after ?? (await this.dbNow(m)), await this.utcOffset(m));
    if (!slot) return;
    await this.jobs.enqueue(m, {
      kind: FLOW_SLOT_JOB,
      key: `flow-schedule:${formId}:${version}:${slot.toISOString()}`,
      runAt: slot,
      payload: { formId, version, slot: slot.toISOString() },
    });
  }

  private async onPublished(m: EntityManager, p: FormPublication): Promise<void> {
    this.publishedForms.forget(p.formId);
    const schedule = scheduleOf(p.flow);
    if (!schedule) return;
    if (schedule.cron !== undefined) {
      await this.planSlot(m, p.formId, p.version, schedule.cron);
      return;
    }
    const field = schedule.dateField;
    if (field === undefined) return;
    const records: { id: string; data: JsonObject }[] = await m.query(
      `SELECT id, data FROM records WHERE form_id = $1 AND deleted_at IS NULL
        ORDER BY created_at DESC LIMIT $2`,
      [p.formId, SCAN_LIMIT],
    );
    const now = await this.dbNow(m);
    const utcOffset = await this.utcOffset(m);
    for (const r of records)
      await this.planDate(m, p.formId, r.id, field, r.data[field], schedule, now, utcOffset);
  }

  private async onRecordChange(m: EntityManager, change: RecordChange): Promise<void> {
    if (change.type === 'deleted' || !change.after) return;
    let flow: FlowDefinition | null;
    try {
      flow = (await this.publishedForms.get(change.formId, m)).flow;
    } catch {
      return;
    }
    const schedule = scheduleOf(flow);
    const field = schedule?.dateField;
    if (!schedule || field === undefined) return;
    const value = change.after[field];
    if (change.before && JSON.stringify(change.before[field]) === JSON.stringify(value)) return;
    await this.planDate(
      m,
      change.formId,
      change.recordId,
      field,
      value,
      schedule,
      await this.dbNow(m),
      await this.utcOffset(m),
    );
  }

  /** Queues a record's date job if the date (plus the offset) is still ahead. */
  private async planDate(
    m: EntityManager,
    formId: string,
    recordId: string,
    field: string,
    value: unknown,
    schedule: ScheduleSettings,
    now: Date,
    utcOffset: number,
  ): Promise<void> {
    const due = dueAtOfDate(value, schedule.offset, utcOffset);
    if (!due || due <= now || typeof value !== 'string') return;
    await this.jobs.enqueue(m, {
      kind: FLOW_DATE_JOB,
      key: `flow-date:${formId}:${recordId}:${field}:${value}`,
      runAt: due,
      payload: { formId, recordId, field, value },
    });
  }

  /** The submitter of scheduled records: who published the version, else the first admin. */
  private async submitterOf(m: EntityManager, formId: string, version: number): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `SELECT COALESCE(
         (SELECT published_by FROM form_versions WHERE form_id = $1 AND version = $2),
         (SELECT id FROM users WHERE is_admin AND NOT disabled ORDER BY created_at LIMIT 1)) AS id`,
      [formId, version],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('no user to submit the scheduled record as');
    return id;
  }

  private async fireSlot(job: ClaimedJob, m: EntityManager): Promise<void> {
    const { formId, version, slot } = job.payload;
    if (typeof formId !== 'string' || typeof version !== 'number' || typeof slot !== 'string')
      return;
    // A slot of a version no longer published ends quietly (the new one has its own).
    const current: { published_version: number }[] = await m.query(
      'SELECT published_version FROM forms WHERE id = $1 FOR SHARE',
      [formId],
    );
    if (current[0]?.published_version !== version) return;
    const { definition, flow } = await this.versions.get(formId, version, m);
    const schedule = scheduleOf(flow);
    if (!flow || schedule?.cron === undefined) return;
    const at = new Date(slot);
    const submitterId = await this.submitterOf(m, formId, version);
    const result = prepareForm(definition).evaluate({});
    if (result.errors.length > 0) {
      await m.query(
        `INSERT INTO incidents (id, code, message) VALUES ($1, 'schedule_record_invalid', $2)`,
        [
          randomUUID(),
          `the scheduled flow "${flow.key}" (slot ${slot}) could not create its record: ` +
            result.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '),
        ],
      );
    } else {
      const recordId = randomUUID();
      await m.query(
        'INSERT INTO records (id, form_id, form_version, data, version, created_by) VALUES ($1, $2, $3, $4, 1, $5)',
        [recordId, formId, version, JSON.stringify(result.data), submitterId],
      );
      await writeRecordEvent(m, {
        recordId,
        type: 'record_submitted',
        actorId: null,
        details: { schedule: slot },
      });
      await writeAudit(m, {
        actorId: null,
        action: 'record.create',
        entityType: 'record',
        entityId: recordId,
        before: null,
        after: { schedule: slot, data: result.data },
      });
      await this.changes.publish(m, {
        type: 'created',
        formId,
        recordId,
        before: null,
        after: result.data,
        actorId: null,
        depth: 0,
      });
      await this.runner.start(m, {
        recordId,
        formId,
        formVersion: version,
        flow,
        data: result.data,
        submitterId,
      });
    }
    // After an outage, missed slots fire once (this one), not once each.
    const now = await this.dbNow(m);
    await this.planSlot(m, formId, version, schedule.cron, now > at ? now : at);
  }

  private async fireDate(job: ClaimedJob, m: EntityManager): Promise<void> {
    const { formId, recordId, field, value } = job.payload;
    if (
      typeof formId !== 'string' ||
      typeof recordId !== 'string' ||
      typeof field !== 'string' ||
      typeof value !== 'string'
    )
      return;
    const rows: { data: JsonObject; created_by: string; published_version: number }[] =
      await m.query(
        `SELECT r.data, r.created_by, f.published_version FROM records r JOIN forms f ON f.id = r.form_id
          WHERE r.id = $1 AND r.form_id = $2 AND r.deleted_at IS NULL FOR UPDATE OF r`,
        [recordId, formId],
      );
    const record = rows[0];
    if (!record || record.data[field] !== value) return;
    const { flow } = await this.versions.get(formId, record.published_version, m);
    if (!flow || scheduleOf(flow)?.dateField !== field) return;
    const running: unknown[] = await m.query(
      `SELECT 1 FROM process_instances WHERE record_id = $1 AND status = 'running' LIMIT 1`,
      [recordId],
    );
    if (running.length > 0) return;
    await this.runner.start(m, {
      recordId,
      formId,
      formVersion: record.published_version,
      flow,
      data: record.data,
      submitterId: record.created_by,
    });
    await writeAudit(m, {
      actorId: null,
      action: 'process.start',
      entityType: 'record',
      entityId: recordId,
      before: null,
      after: { flow: flow.key, schedule: { field, value } },
    });
  }
}
