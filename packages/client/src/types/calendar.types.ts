/** The business calendar deadlines are counted on (`/api/calendar`). */
export interface BusinessCalendar {
  /** First working minute after local midnight (0–1439). */
  startMinute: number;
  /** End of the working day in minutes after local midnight (1–1440). */
  endMinute: number;
  /** Working weekdays, 0 = Sunday. */
  weekdays: number[];
  /** Days off that would be working days, `YYYY-MM-DD`. */
  holidays: string[];
  /** Days worked that would be days off (调休), `YYYY-MM-DD`. */
  makeupDays: string[];
  /** Offset from UTC in minutes. */
  utcOffsetMinutes: number;
}
