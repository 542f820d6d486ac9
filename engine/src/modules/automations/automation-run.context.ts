import type { JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import type { AutomationRow, RunTrigger } from './automation.types';

const DEFAULT_OFFSET = 480;

/** The UTC offset an automation reads days in (its schedule's, else China Standard Time). */
export function offsetOf(a: Pick<AutomationRow, 'trigger'>): number {
  return a.trigger.kind === 'schedule'
    ? (a.trigger.utcOffsetMinutes ?? DEFAULT_OFFSET)
    : DEFAULT_OFFSET;
}

/** `$now` and `$today` (the local calendar day in the offset) of an instant. */
export function clockVars(at: Date, utcOffsetMinutes: number): JsonObject {
  const day = new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  return { $now: at.toISOString(), $today: day };
}

/** The database's time (tests move no machine clock; Postgres is the one clock). */
export async function databaseNow(m: EntityManager): Promise<Date> {
  const rows: { now: Date }[] = await m.query('SELECT now() AS now');
  return rows[0]?.now ?? new Date();
}

/**
 * What a run's data holds besides the record: `$now` (a schedule's slot, else the
 * database's time as the run starts — a database clock, never the machine's), `$today`
 * (that instant's local day, `YYYY-MM-DD`) and `$actor` (the user who pressed the
 * button or made the change; null for schedules, webhooks and process steps) and
 * `$recordId` (the triggering record's id, to link records the run writes to it).
 */
export async function runVars(
  m: EntityManager,
  a: Pick<AutomationRow, 'trigger'>,
  trigger: RunTrigger,
  recordId: string | null,
): Promise<JsonObject> {
  const at = typeof trigger.slot === 'string' ? new Date(trigger.slot) : await databaseNow(m);
  const actor =
    typeof trigger.userId === 'string'
      ? trigger.userId
      : typeof trigger.actorId === 'string'
        ? trigger.actorId
        : null;
  return { ...clockVars(at, offsetOf(a)), $actor: actor, $recordId: recordId };
}
