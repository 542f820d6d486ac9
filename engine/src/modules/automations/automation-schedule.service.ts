import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.service';
import { JobWorker } from '../jobs/job-worker.service';
import type { ClaimedJob } from '../jobs/job.types';
import { AutomationRepository } from './automation.repository';
import { AutomationTriggers } from './automation-triggers.service';
import { SCHEDULE_JOB, type AutomationRow, type AutomationTrigger } from './automation.types';
import { nextCronTime, parseCron, type CronSchedule } from './cron.schedule';

type ScheduleTrigger = Extract<AutomationTrigger, { kind: 'schedule' }>;

const DEFAULT_OFFSET = 480;
const DAY = 86_400_000;
/** Most records one scheduled scan looks through. */
const SCAN_LIMIT = 5_000;

/** The cron of a schedule: its own, or a daily scan at `at` for date fields. */
export function scheduleCron(t: ScheduleTrigger): CronSchedule {
  if (t.cron !== undefined) return parseCron(t.cron);
  const [hh = '09', mm = '00'] = (t.at ?? '09:00').split(':');
  return parseCron(`${Number(mm)} ${Number(hh)} * * *`);
}

/** The local calendar day (`YYYY-MM-DD`) of an instant in a UTC offset. */
export function localDay(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The local day a date field's value falls on (`YYYY-MM-DD` dates as they are). */
function dayOfValue(value: unknown, utcOffsetMinutes: number): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? null : localDay(t, utcOffsetMinutes);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether a date (`YYYY-MM-DD`) recurs on `wanted` (`YYYY-MM-DD`): the same month and day;
 * 29 February falls on 28 February in years without one.
 */
export function sameDayOfYear(date: string, wanted: string): boolean {
  const monthDay = date.slice(5);
  if (monthDay === wanted.slice(5)) return true;
  return (
    monthDay === '02-29' && wanted.slice(5) === '02-28' && !isLeapYear(Number(wanted.slice(0, 4)))
  );
}

/**
 * Schedules: each enabled `schedule` automation has one pending `automation_schedule` job
 * due at its next slot (a database clock: tests move it with `drain({ asOf })`). Firing a
 * slot queues the runs — once, or once per matching record, or once per record whose
 * date field is `offsetDays` away — and schedules the slot after it. Every run's event
 * key names its slot (or the date value), so a slot fired twice runs nothing twice.
 */
@Injectable()
export class AutomationSchedule implements OnModuleInit {
  constructor(
    private readonly worker: JobWorker,
    private readonly jobs: JobQueue,
    private readonly automations: AutomationRepository,
    private readonly triggers: AutomationTriggers,
  ) {}

  onModuleInit(): void {
    this.worker.register({
      kind: SCHEDULE_JOB,
      mode: 'transactional',
      run: (job, m) => this.run(job, m),
    });
  }

  /** Drops the pending slot of an automation (it changed, was disabled or deleted). */
  async cancel(m: EntityManager, automationId: string): Promise<void> {
    await m.query(
      `UPDATE jobs SET status = 'cancelled', updated_at = now()
        WHERE kind = $1 AND status = 'pending' AND payload->>'automationId' = $2`,
      [SCHEDULE_JOB, automationId],
    );
  }

  /** Queues the first slot after `after` of an enabled schedule automation. */
  async plan(m: EntityManager, a: AutomationRow, after: Date): Promise<void> {
    if (!a.enabled || a.trigger.kind !== 'schedule') return;
    const slot = nextCronTime(
      scheduleCron(a.trigger),
      after,
      a.trigger.utcOffsetMinutes ?? DEFAULT_OFFSET,
    );
    if (!slot) return;
    await this.jobs.enqueue(m, {
      kind: SCHEDULE_JOB,
      key: `automation-schedule:${a.id}:${a.revision}:${slot.toISOString()}`,
      runAt: slot,
      payload: { automationId: a.id, revision: a.revision, slot: slot.toISOString() },
    });
  }

  /** When the pending slot of an automation is due, if any. */
  async nextRunAt(m: EntityManager, automationId: string): Promise<string | null> {
    const rows: { run_at: Date }[] = await m.query(
      `SELECT run_at FROM jobs WHERE kind = $1 AND status = 'pending' AND payload->>'automationId' = $2
        ORDER BY run_at LIMIT 1`,
      [SCHEDULE_JOB, automationId],
    );
    return rows[0] ? rows[0].run_at.toISOString() : null;
  }

  async run(job: ClaimedJob, m: EntityManager): Promise<void> {
    const { automationId, revision, slot } = job.payload;
    if (typeof automationId !== 'string' || typeof slot !== 'string') return;
    const a = await this.automations.byId(m, automationId);
    // A slot of an older revision (or of a disabled automation) ends quietly.
    if (!a || !a.enabled || a.revision !== revision || a.trigger.kind !== 'schedule') return;
    const at = new Date(slot);
    await this.fireSlot(m, a, a.trigger, at);
    const now: { now: Date }[] = await m.query('SELECT now() AS now');
    const dbNow = now[0]?.now ?? new Date();
    // After an outage, missed slots fire once (this one), not once each.
    await this.plan(m, a, dbNow > at ? dbNow : at);
  }

  private async fireSlot(
    m: EntityManager,
    a: AutomationRow,
    t: ScheduleTrigger,
    at: Date,
  ): Promise<void> {
    const slot = at.toISOString();
    const trigger = { kind: 'schedule' as const, slot };
    if (a.form_id === null) {
      const input = { scheduledAt: slot };
      await this.triggers.fire(
        m,
        a,
        { eventKey: `schedule:${slot}`, trigger, recordId: null, input, depth: 0 },
        input,
      );
      return;
    }
    const offset = t.utcOffsetMinutes ?? DEFAULT_OFFSET;
    // For a date field: today's records are those whose date is `offsetDays` before today.
    const wanted =
      t.dateField === undefined
        ? null
        : localDay(new Date(at.getTime() - (t.offsetDays ?? 0) * DAY), offset);
    const records: { id: string; data: JsonObject }[] = await m.query(
      `SELECT id, data FROM records WHERE form_id = $1 AND deleted_at IS NULL ORDER BY created_at LIMIT $2`,
      [a.form_id, SCAN_LIMIT],
    );
    for (const r of records) {
      let eventKey = `schedule:${slot}:${r.id}`;
      if (t.dateField !== undefined && wanted !== null) {
        const day = dayOfValue(r.data[t.dateField], offset);
        if (day === null || !(t.yearly ? sameDayOfYear(day, wanted) : day === wanted)) continue;
        // Yearly: once per year (the day it fires on), else once per date value.
        eventKey = `date:${r.id}:${t.dateField}:${t.yearly ? wanted : day}`;
      }
      await this.triggers.fire(
        m,
        a,
        {
          eventKey,
          trigger: { ...trigger, recordId: r.id },
          recordId: r.id,
          input: r.data,
          depth: 0,
        },
        r.data,
      );
    }
  }
}
