import { alwaysOpenCalendar, createWorkweekCalendar } from '../src';

describe('alwaysOpenCalendar (24x7)', () => {
  it.each([
    ['2025-03-01T08:00:00.000Z', 8, '2025-03-01T16:00:00.000Z'],
    ['2025-03-01T23:30:00.000Z', 1.5, '2025-03-02T01:00:00.000Z'],
    ['2025-03-01T08:00:00.000Z', 0, '2025-03-01T08:00:00.000Z'],
  ])('%s + %d h = %s', (from, hours, expected) => {
    expect(alwaysOpenCalendar.addWorkingHours(from, hours)).toBe(expected);
  });
});

describe('createWorkweekCalendar (weekdays 9–18, UTC+8)', () => {
  // 2025-10-01..07 is the National Day holiday; Saturday 2025-10-11 is a make-up work day.
  const calendar = createWorkweekCalendar({
    holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
    makeupDays: ['2025-09-28', '2025-10-11'],
  });
  // Local times (UTC+8) are in the descriptions; the ISO strings are UTC.
  const cases: [string, string, number, string][] = [
    ['Mon 10:00 + 2h = Mon 12:00', '2025-03-03T02:00:00.000Z', 2, '2025-03-03T04:00:00.000Z'],
    ['Mon 17:00 + 2h = Tue 10:00', '2025-03-03T09:00:00.000Z', 2, '2025-03-04T02:00:00.000Z'],
    ['Mon 07:00 + 1h = Mon 10:00', '2025-03-02T23:00:00.000Z', 1, '2025-03-03T02:00:00.000Z'],
    ['Fri 16:00 + 4h = Mon 11:00', '2025-03-07T08:00:00.000Z', 4, '2025-03-10T03:00:00.000Z'],
    ['Sat 12:00 + 9h = Mon 18:00', '2025-03-08T04:00:00.000Z', 9, '2025-03-10T10:00:00.000Z'],
    ['Mon 18:30 + 0.5h = Tue 09:30', '2025-03-03T10:30:00.000Z', 0.5, '2025-03-04T01:30:00.000Z'],
    [
      'Tue 9-30 09:00 + 16h skips the holiday week: Thu 10-09 16:00',
      '2025-09-30T01:00:00.000Z',
      16,
      '2025-10-09T08:00:00.000Z',
    ],
    [
      'Fri 10-10 17:00 + 2h = make-up Sat 10-11 10:00',
      '2025-10-10T09:00:00.000Z',
      2,
      '2025-10-11T02:00:00.000Z',
    ],
    [
      'Sun 9-28 (make-up) 09:00 + 1h = 10:00 the same day',
      '2025-09-28T01:00:00.000Z',
      1,
      '2025-09-28T02:00:00.000Z',
    ],
  ];

  it.each(cases)('%s', (_d, from, hours, expected) => {
    expect(calendar.addWorkingHours(from, hours)).toBe(expected);
  });

  it('takes other office hours, weekdays and offsets', () => {
    const utc = createWorkweekCalendar({
      startMinute: 8 * 60,
      endMinute: 12 * 60,
      weekdays: [1, 2, 3, 4, 5, 6],
      utcOffsetMinutes: 0,
    });
    expect(utc.addWorkingHours('2025-03-08T11:00:00.000Z', 2)).toBe('2025-03-10T09:00:00.000Z');
  });

  it('refuses a day that ends before it starts, and a date that is no date', () => {
    expect(() => createWorkweekCalendar({ startMinute: 600, endMinute: 500 })).toThrow();
    expect(() => calendar.addWorkingHours('soon', 1)).toThrow('not a date-time');
  });
});
