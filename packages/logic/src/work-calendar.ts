/**
 * Working days for the workday operators. The calendar is data the caller passes
 * (`evalOptions.calendar`), the same settings the engine's business calendar keeps
 * (weekdays, holidays, make-up work days, offset from UTC), so the browser and the
 * server count the same days. Days are read in the calendar's local time.
 */

/** The business calendar as plain data. */
export interface WorkCalendar {
  /** Working weekdays, 0 = Sunday. Default Monday to Friday. */
  weekdays?: readonly number[];
  /** Days off that would be working days (`YYYY-MM-DD`, local). */
  holidays?: readonly string[];
  /** Days worked that would be days off (`YYYY-MM-DD`, local). */
  makeupDays?: readonly string[];
  /** The calendar's offset from UTC in minutes. Default 480 (China Standard Time). */
  utcOffsetMinutes?: number;
}

const DAY_MS = 86_400_000;
/** The longest walk through a calendar, in days (ten years): a guard for empty calendars. */
export const MAX_WALK_DAYS = 3_660;

/** A calendar resolved once per distinct calendar object. */
export interface ResolvedCalendar {
  /** Whether a local day works; days are numbered as the epoch ms of that date at 00:00 UTC. */
  isWorkingDay(day: number): boolean;
  /** The local day of a value (a date-only value is its own local day). */
  localDay(ms: number, dateOnly: boolean): number;
  /** The calendar's offset from UTC in milliseconds. */
  offsetMs: number;
}

const resolved = new WeakMap<object, ResolvedCalendar>();

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function build(calendar: WorkCalendar | undefined): ResolvedCalendar {
  const weekdays = new Set(Array.isArray(calendar?.weekdays) ? calendar.weekdays : [1, 2, 3, 4, 5]);
  const holidays = new Set(isStringList(calendar?.holidays) ? calendar.holidays : []);
  const makeupDays = new Set(isStringList(calendar?.makeupDays) ? calendar.makeupDays : []);
  const minutes = calendar?.utcOffsetMinutes;
  const offsetMs =
    (typeof minutes === 'number' && Number.isFinite(minutes) && Math.abs(minutes) <= 1440
      ? minutes
      : 480) * 60_000;
  return {
    offsetMs,
    isWorkingDay(day) {
      const text = new Date(day).toISOString().slice(0, 10);
      if (makeupDays.has(text)) return true;
      if (holidays.has(text)) return false;
      return weekdays.has(new Date(day).getUTCDay());
    },
    localDay(ms, dateOnly) {
      // A date-only value is already a local day; an instant is shifted into local time.
      const local = dateOnly ? ms : ms + offsetMs;
      return Math.floor(local / DAY_MS) * DAY_MS;
    },
  };
}

const fallback = build(undefined);

/** The calendar to count with: the one passed (cached per object), or Monday–Friday UTC+8. */
export function resolveCalendar(calendar: unknown): ResolvedCalendar {
  if (typeof calendar !== 'object' || calendar === null) return fallback;
  let known = resolved.get(calendar);
  if (!known) {
    known = build(calendar as WorkCalendar);
    resolved.set(calendar, known);
  }
  return known;
}

export { DAY_MS };
