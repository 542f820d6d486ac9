import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest, type ErrorDetail } from '../../common/errors/app-error';
import { RequestSchema } from '../../common/validation/request-validator';
import {
  BusinessClock,
  CALENDAR_SETTING,
  DEFAULT_CALENDAR,
} from '../processes/business-clock.service';

/** The business calendar as admins edit it: every field present. */
export interface BusinessCalendarSettings {
  /** First working minute after local midnight (0–1439). */
  startMinute: number;
  /** End of the working day in minutes after local midnight (1–1440), after `startMinute`. */
  endMinute: number;
  /** Working weekdays, 0 = Sunday. */
  weekdays: number[];
  /** Days off that would be working days, `YYYY-MM-DD` (local). */
  holidays: string[];
  /** Days worked that would be days off (调休), `YYYY-MM-DD` (local). */
  makeupDays: string[];
  /** Offset from UTC in minutes (-720 to 840). */
  utcOffsetMinutes: number;
}

const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const days = {
  type: 'array',
  maxItems: 1000,
  uniqueItems: true,
  items: { type: 'string', pattern: DAY_PATTERN },
};

/** The body of `PUT /api/calendar`. */
export const calendarSchema = new RequestSchema<BusinessCalendarSettings>({
  type: 'object',
  properties: {
    startMinute: { type: 'integer', minimum: 0, maximum: 1439 },
    endMinute: { type: 'integer', minimum: 1, maximum: 1440 },
    weekdays: {
      type: 'array',
      maxItems: 7,
      uniqueItems: true,
      items: { type: 'integer', minimum: 0, maximum: 6 },
    },
    holidays: days,
    makeupDays: days,
    utcOffsetMinutes: { type: 'integer', minimum: -720, maximum: 840 },
  },
  required: ['startMinute', 'endMinute', 'weekdays', 'holidays', 'makeupDays', 'utcOffsetMinutes'],
  additionalProperties: false,
});

/** Whether `YYYY-MM-DD` names a day that exists (no 2025-02-30). */
export function isRealDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The checks a schema cannot say: real dates, a day that ends after it starts, some working day. */
export function calendarErrors(c: BusinessCalendarSettings): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (c.endMinute <= c.startMinute) {
    errors.push({
      instancePath: '/endMinute',
      keyword: 'calendar',
      message: 'must be after startMinute',
      params: { startMinute: c.startMinute },
    });
  }
  for (const list of ['holidays', 'makeupDays'] as const) {
    c[list].forEach((day, i) => {
      if (!isRealDay(day))
        errors.push({
          instancePath: `/${list}/${i}`,
          keyword: 'calendar',
          message: 'must be a real date (YYYY-MM-DD)',
          params: { day },
        });
    });
  }
  const makeup = new Set(c.makeupDays);
  c.holidays.forEach((day, i) => {
    if (makeup.has(day))
      errors.push({
        instancePath: `/holidays/${i}`,
        keyword: 'calendar',
        message: 'is also a make-up work day',
        params: { day },
      });
  });
  if (c.weekdays.length === 0 && c.makeupDays.length === 0) {
    errors.push({
      instancePath: '/weekdays',
      keyword: 'calendar',
      message: 'needs at least one working weekday (or make-up day)',
      params: {},
    });
  }
  return errors;
}

/** The calendar with every field filled in (a stored value may predate a field). */
function complete(stored: Partial<BusinessCalendarSettings>): BusinessCalendarSettings {
  return {
    startMinute: stored.startMinute ?? DEFAULT_CALENDAR.startMinute,
    endMinute: stored.endMinute ?? DEFAULT_CALENDAR.endMinute,
    weekdays: [...(stored.weekdays ?? DEFAULT_CALENDAR.weekdays)],
    holidays: [...(stored.holidays ?? [])],
    makeupDays: [...(stored.makeupDays ?? [])],
    utcOffsetMinutes: stored.utcOffsetMinutes ?? DEFAULT_CALENDAR.utcOffsetMinutes,
  };
}

/**
 * The installation's business calendar, kept in `settings.business_calendar` — the very
 * row `BusinessClock` reads when it counts deadlines in working hours.
 */
@Injectable()
export class BusinessCalendarService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: BusinessClock,
  ) {}

  async get(): Promise<BusinessCalendarSettings> {
    return complete(
      (await this.clock.calendarOptions(this.db.manager)) as Partial<BusinessCalendarSettings>,
    );
  }

  async put(body: unknown, user: AuthUser): Promise<BusinessCalendarSettings> {
    const parsed = calendarSchema.parse(body);
    const errors = calendarErrors(parsed);
    if (errors.length > 0)
      throw badRequest(
        'validation_failed',
        'The calendar is not valid; nothing was saved.',
        errors,
      );
    const calendar: BusinessCalendarSettings = {
      ...parsed,
      weekdays: [...parsed.weekdays].sort((a, b) => a - b),
      holidays: [...parsed.holidays].sort(),
      makeupDays: [...parsed.makeupDays].sort(),
    };
    await this.db.transaction(async (m) => {
      const before = complete(
        (await this.clock.calendarOptions(m)) as Partial<BusinessCalendarSettings>,
      );
      await m.query(
        `INSERT INTO settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [CALENDAR_SETTING, JSON.stringify(calendar)],
      );
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'calendar.update',
        entityType: 'setting',
        entityId: CALENDAR_SETTING,
        before,
        after: calendar,
      });
    });
    this.clock.forget();
    return calendar;
  }
}
