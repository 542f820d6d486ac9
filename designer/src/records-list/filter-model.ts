import type { FilterCondition, FilterOp, FilterValue } from '@liuyun/client';
import { holdsValue, type FieldSchema, type FormDefinition } from '@liuyun/definitions';

/**
 * How the list treats a field when filtering, decided the way the engine does
 * (engine/src/modules/records/record-field-kinds.ts `fieldKind`): the operators a
 * condition row offers and the value widget it shows follow from it.
 */
export type FilterKind =
  'text' | 'choice' | 'number' | 'date' | 'datetime' | 'boolean' | 'member' | 'multi' | 'other';

const PICKER_WIDGETS = new Set(['member', 'members', 'department', 'departments']);

export function filterKind(field: FieldSchema): FilterKind {
  const widget: string = field['x-widget'];
  if (widget === 'subform' || field.type === 'object') return 'other';
  if (PICKER_WIDGETS.has(widget)) return field.type === 'array' ? 'multi' : 'member';
  if (field.type === 'array') return 'multi';
  if (field.type === 'number' || field.type === 'integer') return 'number';
  if (field.type === 'boolean') return 'boolean';
  if (field.format === 'date' || widget === 'date') return 'date';
  if (field.format === 'date-time' || widget === 'datetime') return 'datetime';
  if (field.enum) return 'choice';
  return 'text';
}

/** The operators the engine accepts per kind, in the order a row offers them. */
export const OPS_BY_KIND: Record<FilterKind, readonly FilterOp[]> = {
  text: ['contains', 'eq', 'ne', 'not_contains', 'starts_with', 'in', 'empty', 'not_empty'],
  choice: ['in', 'not_in', 'eq', 'ne', 'empty', 'not_empty'],
  number: ['between', 'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
  date: ['within', 'between', 'eq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
  datetime: ['within', 'between', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
  boolean: ['eq', 'empty', 'not_empty'],
  member: ['is_me', 'eq', 'in', 'empty', 'not_empty'],
  multi: ['in', 'empty', 'not_empty'],
  other: ['empty', 'not_empty'],
};

/** Date ranges relative to today (engine `RELATIVE_RANGES`). */
export const RELATIVE_RANGES = [
  'today',
  'yesterday',
  'tomorrow',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_year',
  'last_7_days',
  'last_30_days',
  'next_7_days',
  'next_30_days',
] as const;

/** A field a condition row can name: form fields holding values, and the system columns. */
export interface FilterField {
  key: string;
  kind: FilterKind;
  /** The form field; undefined for the system columns. */
  schema?: FieldSchema;
  /** A member or department picker (its pool comes from the field's route). */
  picker?: 'member' | 'department';
}

export const SYSTEM_FILTER_FIELDS: readonly FilterField[] = [
  { key: 'createdAt', kind: 'datetime' },
  { key: 'updatedAt', kind: 'datetime' },
  { key: 'createdBy', kind: 'member', picker: 'member' },
];

function pickerOf(field: FieldSchema): FilterField['picker'] {
  const widget: string = field['x-widget'];
  if (widget === 'member' || widget === 'members') return 'member';
  if (widget === 'department' || widget === 'departments') return 'department';
  return undefined;
}

/** The fields of the form a filter row offers (layout order), then the system columns. */
export function filterFields(form: FormDefinition): FilterField[] {
  const out: FilterField[] = [];
  for (const key of form.layout) {
    const schema = form.schema.properties[key];
    if (!schema || !holdsValue(schema)) continue;
    const kind = filterKind(schema);
    if (kind === 'other') continue;
    const picker = pickerOf(schema);
    out.push({ key, kind, schema, ...(picker ? { picker } : {}) });
  }
  return [...out, ...SYSTEM_FILTER_FIELDS];
}

/** Operators whose condition carries no value. */
export function needsNoValue(op: FilterOp): boolean {
  return op === 'empty' || op === 'not_empty' || op === 'is_me';
}

/** Operators whose value is a list (`in`) or a pair (`between`). */
export function takesList(op: FilterOp): boolean {
  return op === 'in' || op === 'not_in';
}

/** The operators a row offers for a field; `is_me` only on member fields. */
export function operatorsFor(field: FilterField): readonly FilterOp[] {
  const ops = OPS_BY_KIND[field.kind];
  // createdBy is a user id column: its pool is every user, so "is me" and emptiness only.
  if (field.schema === undefined && field.kind === 'member') return ['is_me'];
  if (field.picker === 'department') return ops.filter((op) => op !== 'is_me');
  if (field.kind === 'multi' && field.picker === 'member') return ['is_me', ...ops];
  return ops;
}

/** A condition is complete when its value fits its operator (rows still being typed are left out). */
export function isComplete(c: FilterCondition): boolean {
  if (needsNoValue(c.op)) return true;
  const v = c.value;
  if (c.op === 'between') return Array.isArray(v) && v.length === 2 && v.every(present);
  if (takesList(c.op) || Array.isArray(v)) return Array.isArray(v) && v.length > 0;
  return present(v);
}

function present(v: FilterValue | FilterValue[] | undefined): boolean {
  return v !== undefined && v !== '' && !(typeof v === 'number' && !Number.isFinite(v));
}

/** The conditions sent to the engine: complete rows only, value dropped where none applies. */
export function sentConditions(conditions: FilterCondition[]): FilterCondition[] {
  return conditions
    .filter(isComplete)
    .map((c) => (needsNoValue(c.op) ? { field: c.field, op: c.op } : c));
}

export interface ListFilter {
  match: 'all' | 'any';
  conditions: FilterCondition[];
}

export const NO_FILTER: ListFilter = { match: 'all', conditions: [] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isValue(v: unknown): v is FilterValue {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function conditionOf(raw: unknown): FilterCondition | null {
  if (!isRecord(raw) || typeof raw.field !== 'string' || typeof raw.op !== 'string') return null;
  const op = raw.op as FilterOp;
  if (!Object.values(OPS_BY_KIND).some((ops) => ops.includes(op))) return null;
  const value = raw.value;
  if (value === undefined || value === null) return { field: raw.field, op };
  if (isValue(value)) return { field: raw.field, op, value };
  if (Array.isArray(value) && value.every(isValue)) return { field: raw.field, op, value };
  return null;
}

/**
 * A filter from the address bar or a saved view: a list of conditions, or
 * `{ match, conditions }`. Anything unreadable is dropped (the engine checks the rest).
 */
export function readFilter(raw: unknown): ListFilter {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw === '') return NO_FILTER;
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return NO_FILTER;
    }
  }
  const list = Array.isArray(value) ? value : isRecord(value) ? value.conditions : undefined;
  const match = isRecord(value) && value.match === 'any' ? 'any' : 'all';
  if (!Array.isArray(list)) return NO_FILTER;
  const conditions = list.map(conditionOf).filter((c): c is FilterCondition => c !== null);
  return { match, conditions };
}

/** The filter as the address bar's `filter` parameter (absent when there is none). */
export function writeFilter(filter: ListFilter): string | null {
  const conditions = sentConditions(filter.conditions);
  if (conditions.length === 0) return null;
  return JSON.stringify({ match: filter.match, conditions });
}

/** Per field: the values of its `in` condition, what a table column's own filter shows. */
export function columnChoices(filter: ListFilter): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of filter.conditions)
    if (c.op === 'in' && Array.isArray(c.value)) out[c.field] = c.value.map(String);
  return out;
}

/**
 * The filter after a table column's own filter changed: the `in` conditions of the
 * table's choice columns are replaced by the columns' choices, the rest kept.
 */
export function withColumnChoices(
  filter: ListFilter,
  choiceKeys: string[],
  choices: Record<string, string[]>,
): ListFilter {
  const kept = filter.conditions.filter((c) => !(c.op === 'in' && choiceKeys.includes(c.field)));
  const added = Object.entries(choices)
    .filter(([, values]) => values.length > 0)
    .map(([field, values]): FilterCondition => ({ field, op: 'in', value: values }));
  return { match: filter.match, conditions: [...kept, ...added] };
}
