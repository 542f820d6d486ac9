import { CronError, nextCronTime, parseCron } from '../src/modules/automations/cron.schedule';
import { findAutomationLoops } from '../src/modules/automations/automation-loop.check';
import type { AutomationTrigger } from '../src/modules/automations/automation.types';
import { line, step } from './automations-app.fixture';

// The cron matcher and the loop finder are pure: data-driven cases, no engine.
interface NextCase {
  description: string;
  cron: string;
  after: string;
  offset?: number;
  expected: string | null;
}

const nextCases: NextCase[] = [
  {
    description: 'every minute',
    cron: '* * * * *',
    after: '2025-01-01T00:00:30Z',
    expected: '2025-01-01T00:01:00.000Z',
  },
  {
    description: 'strictly after a matching minute',
    cron: '0 9 * * *',
    after: '2025-01-01T09:00:00Z',
    expected: '2025-01-02T09:00:00.000Z',
  },
  {
    description: 'in UTC+8: 09:00 local is 01:00 UTC',
    cron: '0 9 * * *',
    after: '2025-01-01T00:00:00Z',
    offset: 480,
    expected: '2025-01-01T01:00:00.000Z',
  },
  {
    description: 'steps',
    cron: '*/15 * * * *',
    after: '2025-01-01T10:16:00Z',
    expected: '2025-01-01T10:30:00.000Z',
  },
  {
    description: 'ranges with steps',
    cron: '0 8-18/5 * * *',
    after: '2025-01-01T13:00:00Z',
    expected: '2025-01-01T18:00:00.000Z',
  },
  {
    description: 'lists',
    cron: '5,50 * * * *',
    after: '2025-01-01T10:06:00Z',
    expected: '2025-01-01T10:50:00.000Z',
  },
  {
    description: 'weekdays only (2025-01-04 is a Saturday)',
    cron: '0 9 * * 1-5',
    after: '2025-01-03T10:00:00Z',
    expected: '2025-01-06T09:00:00.000Z',
  },
  {
    description: 'Sunday as 7',
    cron: '0 0 * * 7',
    after: '2025-01-01T00:00:00Z',
    expected: '2025-01-05T00:00:00.000Z',
  },
  {
    description: 'month end rolls into the next year',
    cron: '0 0 1 * *',
    after: '2025-12-15T00:00:00Z',
    expected: '2026-01-01T00:00:00.000Z',
  },
  {
    description: 'day-of-month OR day-of-week when both are set',
    cron: '0 0 13 * 5',
    after: '2025-06-01T00:00:00Z',
    expected: '2025-06-06T00:00:00.000Z',
  },
  {
    description: 'the 29th of February (a leap year)',
    cron: '0 0 29 2 *',
    after: '2025-03-01T00:00:00Z',
    expected: '2028-02-29T00:00:00.000Z',
  },
  {
    description: 'never (the 30th of February)',
    cron: '0 0 30 2 *',
    after: '2025-01-01T00:00:00Z',
    expected: null,
  },
];

describe('nextCronTime', () => {
  it.each(nextCases)('$description: $cron', ({ cron, after, offset, expected }) => {
    const next = nextCronTime(parseCron(cron), new Date(after), offset ?? 0);
    expect(next ? next.toISOString() : null).toBe(expected);
  });
});

describe('parseCron', () => {
  it.each([
    ['too few fields', '* * * *'],
    ['a minute out of range', '60 * * * *'],
    ['an hour out of range', '0 24 * * *'],
    ['a backwards range', '0 9-5 * * *'],
    ['a zero step', '*/0 * * * *'],
    ['a word', 'MON * * * *'],
    ['a day 0', '0 0 0 * *'],
  ])('refuses %s', (_, cron) => {
    expect(() => parseCron(cron)).toThrow(CronError);
  });
});

describe('findAutomationLoops', () => {
  const created = (form: string): AutomationTrigger => ({ kind: 'record_created', form });
  const updated = (form: string, watchFields?: string[]): AutomationTrigger => ({
    kind: 'record_updated',
    form,
    ...(watchFields ? { watchFields } : {}),
  });

  it.each([
    {
      description: 'a chain without a cycle',
      automations: [
        { key: 'a', trigger: created('x'), flow: line(step.create('c', 'y', { n: 1 })) },
        { key: 'b', trigger: created('y'), flow: line(step.create('c', 'z', { n: 1 })) },
      ],
      cycles: [],
    },
    {
      description: 'two automations creating each other’s records',
      automations: [
        { key: 'a', trigger: created('x'), flow: line(step.create('c', 'y', { n: 1 })) },
        { key: 'b', trigger: created('y'), flow: line(step.create('c', 'x', { n: 1 })) },
      ],
      cycles: [['a', 'b', 'a']],
    },
    {
      description: 'an update mode write does not trigger record_created',
      automations: [
        {
          key: 'a',
          trigger: created('x'),
          flow: line(step.create('c', 'y', { n: 1 }, { mode: 'update', match: true })),
        },
        { key: 'b', trigger: created('y'), flow: line(step.create('c', 'x', { n: 1 })) },
      ],
      cycles: [],
    },
    {
      description: 'an update of a watched field, three automations round',
      automations: [
        {
          key: 'a',
          trigger: updated('x', ['s']),
          flow: line(step.create('c', 'y', { t: 1 }, { mode: 'upsert', match: true })),
        },
        {
          key: 'b',
          trigger: updated('y', ['t']),
          flow: line(step.create('c', 'z', { u: 1 }, { mode: 'update', match: true })),
        },
        {
          key: 'c',
          trigger: updated('z'),
          flow: line(step.create('c', 'x', { s: 1 }, { mode: 'update', match: true })),
        },
      ],
      cycles: [['a', 'b', 'c', 'a']],
    },
    {
      description: 'deletes trigger record_deleted',
      automations: [
        {
          key: 'a',
          trigger: { kind: 'record_deleted', form: 'x' } as AutomationTrigger,
          flow: line(step.remove('d', { form: 'x', match: true })),
        },
      ],
      cycles: [['a', 'a']],
    },
  ])('$description', ({ automations, cycles }) => {
    expect(findAutomationLoops(automations).map((e) => e.cycle)).toEqual(cycles);
  });
});
