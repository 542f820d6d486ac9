/**
 * ISO 8601 dates for the date operators, always in UTC and without `Date.parse`
 * (whose accepted formats differ between engines). A date-only value ("2024-02-29")
 * stays date-only through day/week/month/year arithmetic.
 */

/** A parsed date: epoch milliseconds, and whether the text had no time part. */
export interface IsoDate {
  readonly ms: number;
  readonly dateOnly: boolean;
}

/** Units accepted by `date_add` and `date_diff`. */
export type DateUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Units accepted by `start_of`. */
export type PeriodUnit = 'day' | 'week' | 'month' | 'year';

export const DATE_UNITS: readonly DateUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'year'];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Fixed-length units in milliseconds (months and years are calendar units). */
export const UNIT_MS: Readonly<Record<'minute' | 'hour' | 'day' | 'week', number>> = {
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
};

/** Longest text worth matching; also keeps the (linear) pattern cheap. */
const MAX_ISO_LENGTH = 40;

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Days in `month` (1-12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `Date.UTC` that also means years 0-99 literally (Date.UTC maps them to 1900-1999). */
function utc(year: number, month: number, day: number, ms: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day) + ms);
  date.setUTCFullYear(year);
  return date.getTime();
}

/** Offset text ("Z", "+08:00", "-0530") in milliseconds east of UTC. */
function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * HOUR_MS + Number(digits.slice(3, 5)) * MINUTE_MS);
}

/** Parses "YYYY-MM-DD" or an ISO date-time (no zone means UTC); anything else → null. */
export function parseIsoDate(value: unknown): IsoDate | null {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : { ms, dateOnly: false };
  }
  if (typeof value !== 'string' || value.length > MAX_ISO_LENGTH) return null;
  const match = ISO_PATTERN.exec(value);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const timeMs = hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
  return { ms: utc(year, month, day, timeMs) - offsetMs(zone), dateOnly: h === undefined };
}

/** Formats back to text: "YYYY-MM-DD" for date-only values, else `toISOString()`. */
export function formatIsoDate(ms: number, dateOnly: boolean): string | null {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const text = date.toISOString();
  return dateOnly ? text.slice(0, text.indexOf('T')) : text;
}

/** Moves by whole calendar months, clamping the day (Jan 31 + 1 month → Feb 28/29). */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const timeOfDay = ms - utc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0);
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return utc(year, month, day, timeOfDay);
}

/** Whole calendar months from `from` to `to` (negative when `to` is earlier), consistent with {@link addMonths}. */
export function monthsBetween(from: number, to: number): number {
  if (to < from) return -monthsBetween(to, from);
  const a = new Date(from);
  const b = new Date(to);
  const rough =
    (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return addMonths(from, rough) > to ? rough - 1 : rough;
}

/** The start of the UTC day/week (Monday)/month/year containing `ms`. */
export function startOf(ms: number, unit: PeriodUnit): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  switch (unit) {
    case 'day':
      return utc(year, month, date.getUTCDate(), 0);
    case 'week': {
      const sinceMonday = (date.getUTCDay() + 6) % 7;
      return utc(year, month, date.getUTCDate(), 0) - sinceMonday * DAY_MS;
    }
    case 'month':
      return utc(year, month, 1, 0);
    case 'year':
      return utc(year, 1, 1, 0);
  }
}
