/** The CRM operators, case by case: aggregates, rounding, strings and dates. */
import { checkRule, evaluate, OPERATORS } from '../src';

type Case = [description: string, rule: unknown, data: unknown, expected: unknown];

const lineItems = [
  { sku: 'A', subtotal: 10.5, qty: 1 },
  { sku: 'B', subtotal: 'n/a', qty: 2 },
  { sku: 'C', subtotal: null },
  { sku: '' },
  { sku: 'E', subtotal: 4.5, qty: 3 },
];

const aggregates: Case[] = [
  [
    'sum of rows by field skips non-numbers',
    { sum: [{ var: 'items' }, 'subtotal'] },
    { items: lineItems },
    15,
  ],
  ['sum of an array', { sum: [{ var: 'xs' }] }, { xs: [1, 2, 3.5] }, 6.5],
  [
    'sum counts strings, booleans and null as 0',
    { sum: [{ var: 'xs' }] },
    { xs: [1, '2', true, null, 4] },
    5,
  ],
  ['sum ignores NaN and Infinity', { sum: [[1, { '/': [1, 0] }, { '*': ['x', 1] }, 2]] }, {}, 3],
  ['sum of an empty array', { sum: [[]] }, {}, 0],
  ['sum of a missing sub-form', { sum: [{ var: 'items' }, 'subtotal'] }, {}, 0],
  [
    'sum by a prototype name is 0',
    { sum: [{ var: 'items' }, 'constructor'] },
    { items: lineItems },
    0,
  ],
  ['sum keeps float noise (round for money)', { sum: [[0.1, 0.2]] }, {}, 0.30000000000000004],
  ['count of rows', { count: [{ var: 'items' }] }, { items: lineItems }, 5],
  [
    'count of rows with a non-empty field',
    { count: [{ var: 'items' }, 'sku'] },
    { items: lineItems },
    4,
  ],
  ['count of a non-array', { count: [{ var: 'items' }] }, { items: 'abc' }, 0],
  [
    'avg of numeric values only',
    { avg: [{ var: 'items' }, 'subtotal'] },
    { items: lineItems },
    7.5,
  ],
  ['avg of an array', { avg: [[80, 90, 'n/a']] }, {}, 85],
  ['avg of nothing numeric is null', { avg: [['a', null]] }, {}, null],
  ['avg of a missing array is null', { avg: [{ var: 'none' }] }, {}, null],
];

const rounding: Case[] = [
  ['0.1 + 0.2 to cents', { round: [{ '+': [0.1, 0.2] }, 2] }, {}, 0.3],
  ['1.005 rounds up to 1.01', { round: [1.005, 2] }, {}, 1.01],
  ['2.675 rounds up to 2.68', { round: [2.675, 2] }, {}, 2.68],
  ['1.15 × 100 is 115', { round: [{ '*': [1.15, 100] }] }, {}, 115],
  ['half away from zero, positive', { round: [2.5] }, {}, 3],
  ['half away from zero, negative', { round: [-2.5] }, {}, -3],
  ['negative cents', { round: [-1.005, 2] }, {}, -1.01],
  ['no digits rounds to an integer', { round: [2.4] }, {}, 2],
  ['negative digits round to hundreds', { round: [1250, -2] }, {}, 1300],
  ['negative digits round down', { round: [1234.5678, -2] }, {}, 1200],
  ['numeric strings', { round: ['12.345', 2] }, {}, 12.35],
  ['null is 0', { round: [null, 2] }, {}, 0],
  ['no negative zero', { round: [-0.004, 2] }, {}, 0],
  ['not a number → null', { round: ['abc', 2] }, {}, null],
  ['Infinity → null', { round: [{ '/': [1, 0] }, 2] }, {}, null],
  ['large integers untouched', { round: [9007199254740991] }, {}, 9007199254740991],
  ['very large numbers', { round: [1e21, 2] }, {}, 1e21],
  ['tiny numbers', { round: [1e-7, 2] }, {}, 0],
  ['digits from data', { round: [3.14159, { var: 'd' }] }, { d: 3 }, 3.142],
  [
    'line total: price × qty summed and rounded',
    {
      round: [
        { sum: [{ map: [{ var: 'items' }, { '*': [{ var: 'price' }, { var: 'qty' }] }] }] },
        2,
      ],
    },
    {
      items: [
        { price: 19.99, qty: 3 },
        { price: 0.1, qty: 3 },
      ],
    },
    60.27,
  ],
];

const strings: Case[] = [
  ['trim', { trim: { var: 'name' } }, { name: '  Ann Lee \n' }, 'Ann Lee'],
  ['trim null', { trim: { var: 'name' } }, {}, ''],
  ['lower', { lower: 'ÄBC Corp' }, {}, 'äbc corp'],
  ['upper', { upper: 'liuyun' }, {}, 'LIUYUN'],
  ['upper of a number', { upper: 12 }, {}, '12'],
  ['contains a substring', { contains: ['Liuyun CRM', 'CRM'] }, {}, true],
  ['contains is case-sensitive', { contains: ['Liuyun CRM', 'crm'] }, {}, false],
  ['contains in an array', { contains: [{ var: 'tags' }, 'vip'] }, { tags: ['new', 'vip'] }, true],
  ['contains in an array is strict', { contains: [['1'], 1] }, {}, false],
  ['contains on null', { contains: [null, 'a'] }, {}, false],
  ['contains a null needle in a string', { contains: ['abc', null] }, {}, true],
  ['length of a string', { length: '流云' }, {}, 2],
  ['length of an array', { length: [[1, 2, 3]] }, {}, 3],
  ['length of null', { length: { var: 'x' } }, {}, 0],
  ['length of a number', { length: 12345 }, {}, 0],
  [
    'lower + contains for case-insensitive search',
    { contains: [{ lower: { var: 'company' } }, { lower: 'acme' }] },
    { company: 'ACME Trading' },
    true,
  ],
];

const dates: Case[] = [
  [
    'add a month across a leap February',
    { date_add: ['2024-01-31', 1, 'month'] },
    {},
    '2024-02-29',
  ],
  [
    'add a month across a common February',
    { date_add: ['2023-01-31', 1, 'month'] },
    {},
    '2023-02-28',
  ],
  ['subtract a month into February', { date_add: ['2024-03-31', -1, 'month'] }, {}, '2024-02-29'],
  ['add a month to the 30th', { date_add: ['2024-04-30', 1, 'month'] }, {}, '2024-05-30'],
  ['add 13 months across a year', { date_add: ['2023-12-15', 13, 'month'] }, {}, '2025-01-15'],
  ['add a year to Feb 29', { date_add: ['2024-02-29', 1, 'year'] }, {}, '2025-02-28'],
  ['add four years to Feb 29', { date_add: ['2024-02-29', 4, 'year'] }, {}, '2028-02-29'],
  ['add a day into a leap day', { date_add: ['2024-02-28', 1, 'day'] }, {}, '2024-02-29'],
  ['add a day in a common year', { date_add: ['2023-02-28', 1, 'day'] }, {}, '2023-03-01'],
  ['add a day across a year end', { date_add: ['2024-12-31', 1, 'day'] }, {}, '2025-01-01'],
  ['add weeks', { date_add: ['2024-01-01', 2, 'week'] }, {}, '2024-01-15'],
  [
    'amount as a numeric string, truncated',
    { date_add: ['2024-01-01', '2.9', 'day'] },
    {},
    '2024-01-03',
  ],
  [
    'add minutes across midnight and month',
    { date_add: ['2024-01-31T23:30:00Z', 45, 'minute'] },
    {},
    '2024-02-01T00:15:00.000Z',
  ],
  [
    'add hours to a date-only value',
    { date_add: ['2024-01-01', 5, 'hour'] },
    {},
    '2024-01-01T05:00:00.000Z',
  ],
  [
    'offsets are converted to UTC',
    { date_add: ['2024-01-31T10:00:00+08:00', 1, 'month'] },
    {},
    '2024-02-29T02:00:00.000Z',
  ],
  [
    'a date from data',
    { date_add: [{ var: 'due' }, 30, 'day'] },
    { due: '2024-02-15' },
    '2024-03-16',
  ],
  ['an invalid date', { date_add: ['2024-02-30', 1, 'day'] }, {}, null],
  ['not a date', { date_add: ['next tuesday', 1, 'day'] }, {}, null],
  ['a non-number amount', { date_add: ['2024-01-01', 'x', 'day'] }, {}, null],
  [
    'an unknown unit from data',
    { date_add: ['2024-01-01', 1, { var: 'u' }] },
    { u: 'fortnight' },
    null,
  ],
  ['days across a leap February', { date_diff: ['2024-01-01', '2024-03-01', 'day'] }, {}, 60],
  ['days across a common February', { date_diff: ['2023-01-01', '2023-03-01', 'day'] }, {}, 59],
  ['days backwards are negative', { date_diff: ['2024-01-15', '2024-01-01', 'day'] }, {}, -14],
  [
    'weeks backwards truncate toward zero',
    { date_diff: ['2024-01-15', '2024-01-01', 'week'] },
    {},
    -2,
  ],
  ['Jan 31 → Feb 29 is one month', { date_diff: ['2024-01-31', '2024-02-29', 'month'] }, {}, 1],
  [
    'Jan 31 → Feb 28 (leap) is not yet a month',
    { date_diff: ['2024-01-31', '2024-02-28', 'month'] },
    {},
    0,
  ],
  [
    'Mar 31 → Feb 29 is minus one month',
    { date_diff: ['2024-03-31', '2024-02-29', 'month'] },
    {},
    -1,
  ],
  [
    'Feb 29 → Feb 28 next year is one year',
    { date_diff: ['2024-02-29', '2025-02-28', 'year'] },
    {},
    1,
  ],
  ['one day short of a year', { date_diff: ['2024-02-29', '2025-02-27', 'year'] }, {}, 0],
  ['hours', { date_diff: ['2024-01-01T00:00:00Z', '2024-01-01T05:59:00Z', 'hour'] }, {}, 5],
  ['minutes', { date_diff: ['2024-01-01T00:00:00Z', '2024-01-01T05:59:00Z', 'minute'] }, {}, 359],
  ['a diff with an invalid date', { date_diff: ['2024-13-01', '2024-01-01', 'day'] }, {}, null],
  [
    'start of month',
    { start_of: ['2024-02-29T13:45:00Z', 'month'] },
    {},
    '2024-02-01T00:00:00.000Z',
  ],
  [
    'start of a week (Monday) for a Thursday',
    { start_of: ['2024-02-29', 'week'] },
    {},
    '2024-02-26',
  ],
  ['start of a week across a year end', { start_of: ['2023-01-01', 'week'] }, {}, '2022-12-26'],
  ['start of a week on a Monday', { start_of: ['2024-01-01', 'week'] }, {}, '2024-01-01'],
  ['start of a year', { start_of: ['2024-07-04', 'year'] }, {}, '2024-01-01'],
  ['start of a day', { start_of: ['2024-07-04T10:00:00Z', 'day'] }, {}, '2024-07-04T00:00:00.000Z'],
  ['start of an invalid date', { start_of: ['2024-02-30', 'day'] }, {}, null],
];

describe.each([
  ['aggregates', aggregates],
  ['rounding', rounding],
  ['strings', strings],
  ['dates', dates],
])('CRM %s', (_family, cases) => {
  test.each(cases)('%s', (_description, rule, data, expected) => {
    expect(evaluate(rule, data)).toEqual(expected);
  });
});

describe('now', () => {
  const ageInDays = { date_diff: [{ var: 'created' }, { now: [] }, 'day'] };

  it('reads the clock passed at evaluation', () => {
    expect(evaluate(ageInDays, { created: '2024-02-01' }, { now: '2024-03-01T00:00:00Z' })).toBe(
      29,
    );
    expect(evaluate(ageInDays, { created: '2024-02-01' }, { now: '2025-03-01T00:00:00Z' })).toBe(
      394,
    );
  });

  it('is pure: the same inputs give the same answer', () => {
    const options = { now: '2024-06-30T12:00:00Z' };
    const first = evaluate({ start_of: [{ now: [] }, 'week'] }, {}, options);
    expect(first).toBe('2024-06-24T00:00:00.000Z');
    expect(evaluate({ start_of: [{ now: [] }, 'week'] }, {}, options)).toBe(first);
  });
});

describe('CRM operators are on the allow-list and checked', () => {
  const crm = ['sum', 'count', 'avg', 'round', 'trim', 'lower', 'upper', 'contains', 'length'];
  const dateOps = ['date_add', 'date_diff', 'start_of', 'now'];

  it('lists every CRM operator', () => {
    expect(OPERATORS).toEqual(expect.arrayContaining([...crm, ...dateOps]));
  });

  it.each<[unknown]>([
    [{ sum: [] }],
    [{ round: [1, 2, 3] }],
    [{ date_diff: ['2024-01-01', '2024-01-02'] }],
    [{ start_of: ['2024-01-01', 'quarter'] }],
    [{ contains: ['a'] }],
  ])('%j is refused with invalid_arguments', (rule) => {
    // Nested, to check the issue points at the operator node.
    expect(checkRule({ and: [true, rule] })).toEqual([
      expect.objectContaining({ code: 'invalid_arguments', path: '/and/1' }),
    ]);
  });
});
