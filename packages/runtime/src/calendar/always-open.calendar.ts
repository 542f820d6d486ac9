import type { BusinessCalendar } from '../types';

const HOUR = 3_600_000;

/** Every hour is a working hour (24x7): the calendar when the clock brings none. */
export const alwaysOpenCalendar: BusinessCalendar = {
  addWorkingHours(fromIso: string, hours: number): string {
    return new Date(Date.parse(fromIso) + Math.round(hours * HOUR)).toISOString();
  },
};
