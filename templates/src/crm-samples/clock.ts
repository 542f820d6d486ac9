/** Times of the sample data, relative to the install time (dates in China Standard Time). */
export const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export class SampleClock {
  constructor(readonly now: Date) {}

  /** The instant `days` (fractional) before now. */
  ago(days: number): Date {
    return new Date(this.now.getTime() - days * DAY_MS);
  }

  /** Days between an instant and now. */
  daysAgo(at: Date): number {
    return (this.now.getTime() - at.getTime()) / DAY_MS;
  }

  /** The instant, moved but never past now (one minute before it at the latest). */
  plus(at: Date, days: number): Date {
    return new Date(Math.min(at.getTime() + days * DAY_MS, this.now.getTime() - 60_000));
  }
}

/** The calendar day of an instant in China Standard Time, `YYYY-MM-DD`. */
export function cstDay(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` day moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
