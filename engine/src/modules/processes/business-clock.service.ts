import { Injectable } from '@nestjs/common';
import {
  createWorkweekCalendar,
  type BusinessCalendar,
  type Clock,
  type WorkweekOptions,
} from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { GenerationCache } from '../../common/cache/cache-generations';

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
  /** Kept per process until the settings change (the `calendar` generation moves). */
  private readonly cache = new GenerationCache<{
    options: WorkweekOptions;
    calendar: BusinessCalendar;
  }>('calendar', 1);

  private current(m: EntityManager) {
    return this.cache.get(m, 'calendar', async () => {
      const rows: { value: WorkweekOptions }[] = await m.query(
        'SELECT value FROM settings WHERE key = $1',
        [CALENDAR_SETTING],
      );
      const options = rows[0]?.value ?? DEFAULT_CALENDAR;
      return { options, calendar: createWorkweekCalendar(options) };
    });
  }

  async calendarOptions(m: EntityManager): Promise<WorkweekOptions> {
    return (await this.current(m)).options;
  }

  /** After an admin changed the calendar in this process. */
  forget(): void {
    this.cache.clear();
  }

  async forManager(m: EntityManager, now: Date = new Date()): Promise<Clock> {
    const { calendar } = await this.current(m);
    const at = now.toISOString();
    return { now: () => at, calendar };
  }
}
