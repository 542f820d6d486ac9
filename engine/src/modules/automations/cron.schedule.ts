/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week), read in a fixed
 * UTC offset. Fields take `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, and lists
 * `a,b`; day-of-week is 0–7 (0 and 7 are Sunday). As in Vixie cron, when both day fields
 * are restricted a day matching either one fires.
 */
export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

export class CronError extends Error {}

interface FieldRange {
  name: string;
  min: number;
  max: number;
}

const FIELDS: readonly FieldRange[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
];

function parseNumber(text: string, field: FieldRange): number {
  if (!/^\d{1,2}$/.test(text)) throw new CronError(`the ${field.name} "${text}" is not a number`);
  const n = Number(text);
  if (n < field.min || n > field.max)
    throw new CronError(`the ${field.name} ${n} is outside ${field.min}-${field.max}`);
  return n;
}

function parseField(text: string, field: FieldRange): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : parseNumber(stepText, { ...field, min: 1, max: 59 });
    let from: number;
    let to: number;
    if (range === '*') {
      from = field.min;
      to = field.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = parseNumber(a, field);
      to = parseNumber(b, field);
      if (from > to) throw new CronError(`the ${field.name} range ${range} runs backwards`);
    } else {
      from = parseNumber(range, field);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a cron expression; throws CronError with a sentence saying what is wrong. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5)
    throw new CronError(`a cron expression has 5 fields, "${expression}" has ${parts.length}`);
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i]!));
  if (weekdays!.delete(7)) weekdays!.add(0);
  return {
    minutes: minutes!,
    hours: hours!,
    days: days!,
    months: months!,
    weekdays: weekdays!,
    daysRestricted: parts[2] !== '*',
    weekdaysRestricted: parts[4] !== '*',
  };
}

function dayMatches(s: CronSchedule, local: Date): boolean {
  const dom = s.days.has(local.getUTCDate());
  const dow = s.weekdays.has(local.getUTCDay());
  if (s.daysRestricted && s.weekdaysRestricted) return dom || dow;
  return dom && dow;
}

const MINUTE = 60_000;
/** Searching further than this finds nothing (e.g. `0 0 30 2 *`, the 30th of February). */
const SEARCH_DAYS = 366 * 5;

/**
 * The first moment strictly after `after` that the schedule fires, or null when it never
 * does. Walks month, day, hour and minute in the offset's wall-clock time.
 */
export function nextCronTime(s: CronSchedule, after: Date, utcOffsetMinutes: number): Date | null {
  const offset = utcOffsetMinutes * MINUTE;
  // Wall-clock time as a UTC date, starting at the next whole minute.
  const t = new Date(Math.floor((after.getTime() + offset) / MINUTE) * MINUTE + MINUTE);
  const limit = t.getTime() + SEARCH_DAYS * 24 * 60 * MINUTE;
  while (t.getTime() <= limit) {
    if (!s.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!s.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!s.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return new Date(t.getTime() - offset);
    }
  }
  return null;
}
