import type { BusinessCalendar } from '@liuyun/client';

/** `HH:mm` for minutes after midnight (1440 is `24:00`). */
export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** `UTC+08:00` for an offset in minutes. */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  return `UTC${sign}${minutesToTime(Math.abs(minutes))}`;
}

/** Offsets offered: every half hour from −12:00 to +14:00, plus the one saved. */
export function offsetChoices(current: number): number[] {
  const all = new Set<number>([current]);
  for (let m = -720; m <= 840; m += 30) all.add(m);
  return [...all].sort((a, b) => a - b);
}

/** Every `YYYY-MM-DD` from `from` to `to`, both included (at most 366 days). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const at = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (at.getTime() <= end.getTime() && out.length < 366) {
    out.push(at.toISOString().slice(0, 10));
    at.setUTCDate(at.getUTCDate() + 1);
  }
  return out;
}

/** The years a calendar mentions, with this year and the next always offered. */
export function calendarYears(c: BusinessCalendar, thisYear: number): number[] {
  const years = new Set([thisYear, thisYear + 1]);
  for (const day of [...c.holidays, ...c.makeupDays]) years.add(Number(day.slice(0, 4)));
  return [...years].filter((y) => Number.isInteger(y)).sort((a, b) => a - b);
}

/** The list with these days added (sorted, no repeats). */
export function withDays(list: string[], days: string[]): string[] {
  return [...new Set([...list, ...days])].sort();
}

/** Whether two calendars say the same. */
export function sameCalendar(a: BusinessCalendar, b: BusinessCalendar): boolean {
  const norm = (c: BusinessCalendar) =>
    JSON.stringify({
      ...c,
      weekdays: [...c.weekdays].sort(),
      holidays: [...c.holidays].sort(),
      makeupDays: [...c.makeupDays].sort(),
    });
  return norm(a) === norm(b);
}
