import type { FieldSchema } from '@liuyun/definitions';
import { referencedIds, type DirectoryLabels } from '../src/form/directory-labels';
import { displayValue } from '../src/form/field-value';
import { cellText } from '../src/records-list/record-columns';

// Member and department values are ids; lists and record pages show the names behind them.

const l = (en: string) => ({ zh: en, en });
const owner: FieldSchema = { type: 'string', 'x-widget': 'member', 'x-label': l('Owner') };
const watchers: FieldSchema = {
  type: 'array',
  items: { type: 'string' },
  'x-widget': 'member',
  'x-label': l('Watchers'),
};
const dept: FieldSchema = { type: 'string', 'x-widget': 'department', 'x-label': l('Dept') };
const labels: DirectoryLabels = {
  user: (id) => ({ u1: '张三 Zhang', u2: '李四 Li' })[id],
  department: (id) => (id === 'd1' ? '华东销售部' : undefined),
};
const tools = { language: 'en' as const, formatNumber: (n: number) => String(n), labels };

it('shows names for member and department ids, the id where no name is known', () => {
  expect(displayValue(owner, 'u1', tools)).toBe('张三 Zhang');
  expect(displayValue(watchers, ['u1', 'u2', 'gone'], tools)).toBe('张三 Zhang, 李四 Li, gone');
  expect(displayValue(dept, 'd1', tools)).toBe('华东销售部');
  expect(cellText(owner, 'u2', tools)).toBe('李四 Li');
  expect(displayValue(owner, 'u1', { ...tools, labels: undefined })).toBe('u1');
});

it('shows a datetime in local time, not as ISO text', () => {
  const at: FieldSchema = {
    type: 'string',
    format: 'date-time',
    'x-widget': 'datetime',
    'x-label': l('At'),
  };
  const shown = displayValue(at, '2026-03-04T05:06:00.000Z', tools);
  expect(shown).toMatch(/^2026-03-0[45] \d\d:\d\d$/);
  expect(shown).not.toContain('T');
});

it('finds the ids to name in fields and sub-form rows', () => {
  const lines: FieldSchema = {
    type: 'array',
    'x-widget': 'subform',
    'x-label': l('Lines'),
    items: { type: 'object', properties: { by: owner } },
  };
  const found = referencedIds({ owner, watchers, dept, lines }, [
    { owner: 'u1', watchers: ['u2'], lines: [{ by: 'u3' }] },
    { owner: 'u1' },
  ]);
  expect([...found.users].sort()).toEqual(['u1', 'u2', 'u3']);
  expect(found.departments).toBe(false);
  expect(referencedIds({ dept }, [{ dept: 'd1' }]).departments).toBe(true);
});
