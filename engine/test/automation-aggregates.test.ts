import type { JsonObject } from '@liuyun/definitions';
import { aggregate } from '../src/modules/automations/automation-query.step';
import { sameDayOfYear } from '../src/modules/automations/automation-schedule.service';

const rows: JsonObject[] = [
  { amount: 100, paid_on: '2026-09-01', owner: 'a' },
  { amount: 300, paid_on: '2026-11-20', owner: 'b' },
  { amount: 'n/a', paid_on: '2026-10-05T08:00:00.000Z' },
];

describe('query aggregates', () => {
  it('averages the numbers of a field, null when there are none', () => {
    expect(aggregate({ form: 'p', aggregate: 'avg', field: 'amount', into: 'x' }, rows)).toBe(200);
    expect(aggregate({ form: 'p', aggregate: 'avg', field: 'none', into: 'x' }, rows)).toBeNull();
  });

  it('takes the latest and earliest ISO date when the field holds dates', () => {
    const max = aggregate({ form: 'p', aggregate: 'max', field: 'paid_on', into: 'x' }, rows);
    const min = aggregate({ form: 'p', aggregate: 'min', field: 'paid_on', into: 'x' }, rows);
    expect([min, max]).toEqual(['2026-09-01', '2026-11-20']);
  });

  it('still compares numbers when the field holds numbers', () => {
    expect(aggregate({ form: 'p', aggregate: 'max', field: 'amount', into: 'x' }, rows)).toBe(300);
  });

  it('gives the first match’s field, or its whole data without a field', () => {
    expect(aggregate({ form: 'p', aggregate: 'first', field: 'owner', into: 'x' }, rows)).toBe('a');
    expect(aggregate({ form: 'p', aggregate: 'first', into: 'x' }, rows)).toEqual(rows[0]);
    expect(aggregate({ form: 'p', aggregate: 'first', field: 'owner', into: 'x' }, [])).toBeNull();
  });
});

describe('yearly date schedules', () => {
  it('match the month and day of any year', () => {
    expect(sameDayOfYear('1988-12-03', '2026-12-03')).toBe(true);
    expect(sameDayOfYear('1988-12-03', '2026-12-04')).toBe(false);
  });

  it('put 29 February on 28 February in years without one', () => {
    expect(sameDayOfYear('1992-02-29', '2027-02-28')).toBe(true);
    expect(sameDayOfYear('1992-02-29', '2028-02-28')).toBe(false);
    expect(sameDayOfYear('1992-02-29', '2028-02-29')).toBe(true);
  });
});
