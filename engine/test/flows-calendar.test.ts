import { countRows } from './support/quote-fixtures';
import { edge, flow, Lab, node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';

// The business calendar admin API, and deadlines counted on it (seen through simulate).
let app: TestApp;
let lab: Lab;

interface Calendar {
  startMinute: number;
  endMinute: number;
  weekdays: number[];
  holidays: string[];
  makeupDays: string[];
  utcOffsetMinutes: number;
}
interface ErrorBody {
  error: { status: number; code: string; details?: { instancePath: string }[] };
}

const DEFAULT: Calendar = {
  startMinute: 540,
  endMinute: 1080,
  weekdays: [1, 2, 3, 4, 5],
  holidays: [],
  makeupDays: [],
  utcOffsetMinutes: 480,
};

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  lab = new Lab(app);
  await lab.setUp();
});

afterAll(async () => {
  await app.close();
});

async function getCalendar(as = 'rep1') {
  return app.request<Calendar>('GET', '/api/calendar', { token: await lab.token(as) });
}

async function putCalendar(body: unknown, as = 'admin') {
  return app.request<Calendar & ErrorBody>('PUT', '/api/calendar', {
    token: await lab.token(as),
    body,
  });
}

describe('GET and PUT /api/calendar', () => {
  it('starts with the default calendar, readable by any signed-in user', async () => {
    const res = await getCalendar('rep1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULT);
  });

  it('refuses non-admins and stores nothing', async () => {
    const res = await putCalendar({ ...DEFAULT, startMinute: 600 }, 'rep1');
    expect(res.status).toBe(403);
    expect((await getCalendar()).body).toEqual(DEFAULT);
  });

  const invalid: { description: string; change: Record<string, unknown>; path: string }[] = [
    {
      description: 'the day ends before it starts',
      change: { startMinute: 600, endMinute: 540 },
      path: '/endMinute',
    },
    {
      description: 'the day ends as it starts',
      change: { startMinute: 600, endMinute: 600 },
      path: '/endMinute',
    },
    { description: 'a start past midnight', change: { startMinute: 1440 }, path: '/startMinute' },
    { description: 'an end past midnight', change: { endMinute: 1441 }, path: '/endMinute' },
    { description: 'a fractional minute', change: { startMinute: 540.5 }, path: '/startMinute' },
    { description: 'weekday 7', change: { weekdays: [1, 7] }, path: '/weekdays/1' },
    { description: 'a repeated weekday', change: { weekdays: [1, 1] }, path: '/weekdays' },
    { description: 'no working day at all', change: { weekdays: [] }, path: '/weekdays' },
    { description: 'February 30th', change: { holidays: ['2025-02-30'] }, path: '/holidays/0' },
    { description: 'a month 13', change: { makeupDays: ['2025-13-01'] }, path: '/makeupDays/0' },
    { description: 'not a date', change: { holidays: ['June 9'] }, path: '/holidays/0' },
    {
      description: 'a day both off and worked',
      change: { holidays: ['2025-06-09'], makeupDays: ['2025-06-09'] },
      path: '/holidays/0',
    },
    {
      description: 'an offset beyond UTC+14',
      change: { utcOffsetMinutes: 900 },
      path: '/utcOffsetMinutes',
    },
    { description: 'an unknown property', change: { timezone: 'Asia/Shanghai' }, path: '' },
    { description: 'a missing field', change: { weekdays: undefined }, path: '' },
  ];

  it.each(invalid)('refuses $description with 400 and stores nothing', async (c) => {
    const audit = await countRows(app, 'audit_log');
    const res = await putCalendar({ ...DEFAULT, ...c.change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details?.map((d) => d.instancePath)).toContain(c.path);
    expect((await getCalendar()).body).toEqual(DEFAULT);
    expect(await countRows(app, 'audit_log')).toBe(audit);
  });

  it('stores a valid calendar (sorted) where the business clock reads it, with an audit row', async () => {
    // manager1 signs in first: a sign-in is audited too.
    await getCalendar('manager1');
    const audit = await countRows(app, 'audit_log');
    const calendar = {
      startMinute: 510,
      endMinute: 1050,
      weekdays: [5, 1, 2, 3, 4],
      holidays: ['2025-10-02', '2025-10-01'],
      makeupDays: ['2025-09-28'],
      utcOffsetMinutes: 480,
    };
    const res = await putCalendar(calendar);
    expect(res.status).toBe(200);
    const stored = {
      ...calendar,
      weekdays: [1, 2, 3, 4, 5],
      holidays: ['2025-10-01', '2025-10-02'],
    };
    expect(res.body).toEqual(stored);
    expect((await getCalendar('manager1')).body).toEqual(stored);
    const rows: { value: Calendar }[] = await app.db.query(
      `SELECT value FROM settings WHERE key = 'business_calendar'`,
    );
    expect(rows[0]?.value).toEqual(stored);
    expect(await countRows(app, 'audit_log')).toBe(audit + 1);
  });
});

describe('deadlines in working hours land on the next working day', () => {
  // A 4-working-hour deadline on the first approval; the simulation waits there.
  const deadlineFlow = flow(
    'deadline',
    [
      node.start(),
      node.approval('ok', ['manager1'], { deadline: { hours: 4, action: 'remind' } }),
      node.end(),
    ],
    [edge('start', 'ok'), edge('ok', 'end', { outcome: 'approve' })],
  );

  beforeAll(async () => {
    await lab.publish(deadlineFlow);
  });

  // 2025-06-06 is a Friday. Working hours 9:00–18:00 at UTC+8 (01:00–10:00Z).
  const cases: {
    description: string;
    holidays: string[];
    makeupDays: string[];
    startAt: string;
    dueAt: string;
  }[] = [
    {
      description: 'Friday 16:00 + 4h → Monday 11:00 (2h Friday, weekend skipped)',
      holidays: [],
      makeupDays: [],
      startAt: '2025-06-06T08:00:00.000Z',
      dueAt: '2025-06-09T03:00:00.000Z',
    },
    {
      description: 'Friday 16:00 + 4h with Monday a holiday → Tuesday 11:00',
      holidays: ['2025-06-09'],
      makeupDays: [],
      startAt: '2025-06-06T08:00:00.000Z',
      dueAt: '2025-06-10T03:00:00.000Z',
    },
    {
      description: 'Friday 16:00 + 4h with Saturday a make-up day → Saturday 11:00',
      holidays: ['2025-06-09'],
      makeupDays: ['2025-06-07'],
      startAt: '2025-06-06T08:00:00.000Z',
      dueAt: '2025-06-07T03:00:00.000Z',
    },
    {
      description: 'started on Saturday, Monday a holiday → counting starts Tuesday 9:00',
      holidays: ['2025-06-09'],
      makeupDays: [],
      startAt: '2025-06-07T02:00:00.000Z',
      dueAt: '2025-06-10T05:00:00.000Z',
    },
    {
      description: 'Thursday 17:00 + 4h, Friday a holiday → Monday 12:00',
      holidays: ['2025-06-06'],
      makeupDays: [],
      startAt: '2025-06-05T09:00:00.000Z',
      dueAt: '2025-06-09T04:00:00.000Z',
    },
  ];

  it.each(cases)('$description', async (c) => {
    expect(
      (await putCalendar({ ...DEFAULT, holidays: c.holidays, makeupDays: c.makeupDays })).status,
    ).toBe(200);
    const res = await app.request<{
      effects: { type: string; kind?: string; nodeId?: string; dueAt?: string }[];
      stalled: boolean;
    }>('POST', '/api/flows/simulate', {
      token: await lab.token('rep1'),
      body: {
        formId: lab.formIds.get('request'),
        record: { title: 'deadline' },
        decisions: [],
        startAt: c.startAt,
      },
    });
    expect(res.status).toBe(200);
    const timer = res.body.effects.find((e) => e.type === 'scheduleTimer' && e.kind === 'deadline');
    expect(timer).toMatchObject({ nodeId: 'ok', dueAt: c.dueAt });
    expect(res.body.stalled).toBe(true);
  });
});
