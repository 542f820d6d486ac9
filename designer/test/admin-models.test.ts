import type { Department } from '@liuyun/client';
import { filterFromParams, paramsFromFilter } from '../src/admin/audit/audit-filter';
import { jsonDiff } from '../src/admin/audit/json-diff';
import {
  calendarYears,
  daysBetween,
  offsetLabel,
  sameCalendar,
  withDays,
} from '../src/admin/calendar/calendar-edit';
import { departmentPath, departmentTreeData } from '../src/admin/org/department-tree';

const dept = (id: string, name: string, parentId: string | null): Department => ({
  id,
  name,
  parentId,
  headUserId: null,
  memberCount: 0,
});

describe('the audit diff', () => {
  it('lists changed, added and removed leaves by JSON Pointer, as JSON text', () => {
    const diff = jsonDiff(
      { name: 'Sales', head: null, roles: ['a', 'b'], meta: { x: 1 }, gone: true },
      { name: 'Sales East', head: 'u1', roles: ['a'], meta: { x: 1 }, 'a/b': 2 },
    );
    expect(diff).toEqual([
      { path: '/name', before: '"Sales"', after: '"Sales East"' },
      { path: '/head', before: 'null', after: '"u1"' },
      { path: '/roles/1', before: '"b"', after: null },
      { path: '/gone', before: 'true', after: null },
      { path: '/a~1b', before: null, after: '2' },
    ]);
  });

  it('shows a creation as every leaf added, and markup as plain text', () => {
    expect(jsonDiff(null, { html: '<img src=x onerror=alert(1)>' })).toEqual([
      { path: '/html', before: null, after: '"<img src=x onerror=alert(1)>"' },
    ]);
    expect(jsonDiff({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('the audit filter in the address bar', () => {
  it('round-trips and drops empty values and unknown keys', () => {
    const params = paramsFromFilter({ action: 'user.*', entityType: 'user', entityId: '' });
    expect(params.toString()).toBe('entityType=user&action=user.*');
    expect(filterFromParams(new URLSearchParams('action=user.*&evil=1&from='))).toEqual({
      action: 'user.*',
    });
  });
});

describe('calendar editing', () => {
  it('expands a holiday range across a month end, and merges without repeats', () => {
    expect(daysBetween('2027-09-29', '2027-10-02')).toEqual([
      '2027-09-29',
      '2027-09-30',
      '2027-10-01',
      '2027-10-02',
    ]);
    expect(withDays(['2027-10-02', '2027-01-01'], ['2027-10-01', '2027-10-02'])).toEqual([
      '2027-01-01',
      '2027-10-01',
      '2027-10-02',
    ]);
  });

  it('offers this year, the next and every year the lists mention', () => {
    const c = {
      startMinute: 540,
      endMinute: 1080,
      weekdays: [1, 2, 3, 4, 5],
      holidays: ['2024-10-01'],
      makeupDays: ['2029-02-01'],
      utcOffsetMinutes: 480,
    };
    expect(calendarYears(c, 2026)).toEqual([2024, 2026, 2027, 2029]);
    expect(sameCalendar(c, { ...c, weekdays: [5, 4, 3, 2, 1] })).toBe(true);
    expect(sameCalendar(c, { ...c, holidays: [] })).toBe(false);
    expect(offsetLabel(480)).toBe('UTC+08:00');
    expect(offsetLabel(-210)).toBe('UTC−03:30');
  });
});

describe('the department tree', () => {
  const list = [
    dept('hq', 'Headquarters', null),
    dept('s', 'Sales', 'hq'),
    dept('e', 'East', 's'),
    dept('o', 'Orphan', 'missing'),
  ];

  it('nests by parent, keeps orphans as roots, and blocks a subtree when moving', () => {
    const tree = departmentTreeData(list, (d) => d.id === 's');
    expect(tree.map((n) => n.title)).toEqual(['Headquarters', 'Orphan']);
    const sales = tree[0]!.children[0]!;
    expect(sales).toMatchObject({ title: 'Sales', disabled: true });
    expect(sales.children[0]).toMatchObject({ title: 'East', disabled: true });
    expect(tree[0]!.disabled).toBeUndefined();
    expect(departmentPath(list, 'e')).toBe('Headquarters / Sales / East');
  });
});
