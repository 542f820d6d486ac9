import { Injectable } from '@nestjs/common';
import { createWorkweekCalendar, type Clock, type WorkweekOptions } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';

export const CALENDAR_SETTING = 'business_calendar';

/** The calendar an installation starts with: weekdays 9:00–18:00, China Standard Time. */
export const DEFAULT_CALENDAR: Required<
  Pick<WorkweekOptions, 'startMinute' | 'endMinute' | 'weekdays' | 'utcOffsetMinutes'>
> &
  Pick<WorkweekOptions, 'holidays' | 'makeupDays'> = {
  startMinute: 9 * 60,
  endMinute: 18 * 60,
  weekdays: [1, 2, 3, 4, 5],
  holidays: [],
  makeupDays: [],
  utcOffsetMinutes: 480,
};

/**
 * The runtime's clock: now, and deadlines counted in working hours on the business
 * calendar an admin keeps in `settings` (weekends, holidays, make-up work days).
 */
@Injectable()
export class BusinessClock {
  /** Read at most every few seconds per process: every step needs it, admins rarely change it. */
  private cached: { at: number; options: WorkweekOptions } | null = null;
  private readonly ttlMs = 5_000;

  async calendarOptions(m: EntityManager): Promise<WorkweekOptions> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.options;
    const rows: { value: WorkweekOptions }[] = await m.query(
      'SELECT value FROM settings WHERE key = $1',
      [CALENDAR_SETTING],
    );
    const options = rows[0]?.value ?? DEFAULT_CALENDAR;
    this.cached = { at: Date.now(), options };
    return options;
  }

  /** After an admin changed the calendar in this process. */
  forget(): void {
    this.cached = null;
  }

  async forManager(m: EntityManager, now: Date = new Date()): Promise<Clock> {
    const calendar = createWorkweekCalendar(await this.calendarOptions(m));
    return { now: () => now.toISOString(), calendar };
  }
}
