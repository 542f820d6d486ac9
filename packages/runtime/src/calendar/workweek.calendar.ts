import type { BusinessCalendar } from '../types';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Longest walk through the calendar (ten years of days): a guard against empty calendars. */
const MAX_DAYS = 3_660;

/** A working week with office hours, holidays and make-up work days (调休). */
export interface WorkweekOptions {
  /** First working minute of the day, in minutes after local midnight. Default 9:00. */
  startMinute?: number;
  /** End of the working day, in minutes after local midnight. Default 18:00. */
  endMinute?: number;
  /** Working weekdays, 0 = Sunday. Default Monday to Friday. */
  weekdays?: readonly number[];
  /** Days off that would be working days (`YYYY-MM-DD`, local). */
  holidays?: readonly string[];
  /** Days worked that would be days off (`YYYY-MM-DD`, local), e.g. a Saturday before a holiday. */
  makeupDays?: readonly string[];
  /** The calendar's offset from UTC in minutes. Default 480 (China Standard Time). */
  utcOffsetMinutes?: number;
}

function isoDay(localMidnight: number): string {
  return new Date(localMidnight).toISOString().slice(0, 10);
}

/**
 * A calendar of office hours on working days (default weekdays 9:00–18:00, UTC+8): holidays
 * are off, make-up days are on. Time outside office hours does not count; a deadline that
 * starts in the evening starts counting the next working morning.
 */
export function createWorkweekCalendar(options: WorkweekOptions = {}): BusinessCalendar {
  const start = (options.startMinute ?? 9 * 60) * MINUTE;
  const end = (options.endMinute ?? 18 * 60) * MINUTE;
  const weekdays = new Set(options.weekdays ?? [1, 2, 3, 4, 5]);
  const holidays = new Set(options.holidays ?? []);
  const makeupDays = new Set(options.makeupDays ?? []);
  const offset = (options.utcOffsetMinutes ?? 480) * MINUTE;
  if (!(end > start)) throw new Error('the working day must end after it starts');

  const isWorkingDay = (localMidnight: number): boolean => {
    const day = isoDay(localMidnight);
    if (makeupDays.has(day)) return true;
    if (holidays.has(day)) return false;
    return weekdays.has(new Date(localMidnight).getUTCDay());
  };

  return {
    addWorkingHours(fromIso: string, hours: number): string {
      const from = Date.parse(fromIso);
      if (Number.isNaN(from)) throw new Error(`not a date-time: "${fromIso}"`);
      let remaining = Math.round(hours * 60) * MINUTE;
      // Work in "local" milliseconds: UTC arithmetic on shifted instants.
      let local = from + offset;
      let midnight = Math.floor(local / DAY) * DAY;
      for (let days = 0; days < MAX_DAYS; days += 1) {
        if (isWorkingDay(midnight)) {
          const open = Math.max(local, midnight + start);
          const close = midnight + end;
          if (open < close) {
            if (remaining <= close - open) return new Date(open + remaining - offset).toISOString();
            remaining -= close - open;
          }
        }
        midnight += DAY;
        local = midnight;
      }
      throw new Error('no working hours found within ten years');
    },
  };
}
