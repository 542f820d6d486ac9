import type { FormDefinition } from '@liuyun/definitions';
import { badRequest } from '../../common/errors/app-error';
import { isSortable, listFields, type FieldKind, type ListField } from './record-field-kinds';

export const FILTER_OPS = [
  'eq',
  'ne',
  'contains',
  'not_contains',
  'starts_with',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'within',
  'empty',
  'not_empty',
  'is_me',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** Date ranges relative to today (in the viewer's time zone). */
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
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/** Which operators each kind of field takes. */
const OPS_BY_KIND: Record<FieldKind, readonly FilterOp[]> = {
  text: [
    'eq',
    'ne',
    'contains',
    'not_contains',
    'starts_with',
    'in',
    'not_in',
    'empty',
    'not_empty',
  ],
  choice: ['eq', 'ne', 'in', 'not_in', 'empty', 'not_empty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'empty', 'not_empty'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'within', 'empty', 'not_empty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'between', 'within', 'empty', 'not_empty'],
  boolean: ['eq', 'empty', 'not_empty'],
  member: ['eq', 'in', 'is_me', 'empty', 'not_empty'],
  multi: ['in', 'empty', 'not_empty', 'is_me'],
  other: ['empty', 'not_empty'],
};

export type FilterValue = string | number | boolean;

export interface FilterCondition {
  field: ListField;
  op: FilterOp;
  /** A scalar; `in`/`not_in` a list; `between` a pair; `within` a range name. */
  value: FilterValue | FilterValue[] | null;
}

export interface ListSort {
  field: ListField;
  direction: 'asc' | 'desc';
}

export interface ListQuery {
  match: 'all' | 'any';
  conditions: FilterCondition[];
  sort: ListSort;
  search: string | null;
  /** Fields to return in `data`; null = all. */
  columns: string[] | null;
  /** IANA time zone for relative date ranges. */
  timeZone: string;
}

/** What a caller sends (query string or saved view), before checking against the form. */
export interface ListQueryInput {
  filter?: unknown;
  sort?: string;
  search?: string;
  columns?: string[];
  tz?: string;
}

const MAX_CONDITIONS = 20;
const MAX_IN_VALUES = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function invalid(path: string, message: string): never {
  throw badRequest('invalid_filter', `The list query is not valid: ${message}.`, [
    { instancePath: path, keyword: 'filter', message, params: {} },
  ]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalarFor(field: ListField, value: unknown, path: string): FilterValue {
  switch (field.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) invalid(path, 'expected a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') invalid(path, 'expected true or false');
      return value;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value))
        invalid(path, 'expected a YYYY-MM-DD date');
      return value;
    case 'datetime':
      if (typeof value !== 'string' || !(DATETIME.test(value) || DATE.test(value)))
        invalid(path, 'expected an RFC 3339 date-time');
      return value;
    case 'member':
      if (typeof value !== 'string' || value.length === 0 || value.length > 200)
        invalid(path, 'expected an id');
      if (field.system && !UUID.test(value)) invalid(path, 'expected a user id');
      return value;
    default:
      if (typeof value !== 'string' || value.length > 500)
        invalid(path, 'expected a text of at most 500 characters');
      return value;
  }
}

function conditionOf(raw: unknown, index: number, fields: Map<string, ListField>): FilterCondition {
  const path = `/filter/${index}`;
  if (!isObject(raw)) invalid(path, 'each condition is an object { field, op, value }');
  const extra = Object.keys(raw).filter((k) => !['field', 'op', 'value'].includes(k));
  if (extra.length > 0) invalid(path, `unknown key "${extra[0]}"`);
  const name = raw.field;
  const field = typeof name === 'string' ? fields.get(name) : undefined;
  if (!field) invalid(`${path}/field`, `unknown field ${JSON.stringify(name)}`);
  const op = raw.op;
  if (typeof op !== 'string' || !(FILTER_OPS as readonly string[]).includes(op))
    invalid(`${path}/op`, `unknown operator ${JSON.stringify(op)}`);
  const filterOp = op as FilterOp;
  if (!OPS_BY_KIND[field.kind].includes(filterOp))
    invalid(`${path}/op`, `"${filterOp}" does not apply to ${field.kind} field "${field.key}"`);
  const valuePath = `${path}/value`;
  const value = raw.value;
  switch (filterOp) {
    case 'empty':
    case 'not_empty':
    case 'is_me':
      return { field, op: filterOp, value: null };
    case 'in':
    case 'not_in': {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES)
        invalid(valuePath, `expected a list of 1 to ${MAX_IN_VALUES} values`);
      const scalar: ListField = field.kind === 'multi' ? { ...field, kind: 'text' } : field;
      return {
        field,
        op: filterOp,
        value: value.map((v, i) => scalarFor(scalar, v, `${valuePath}/${i}`)),
      };
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) invalid(valuePath, 'expected [from, to]');
      return {
        field,
        op: filterOp,
        value: value.map((v, i) => scalarFor(field, v, `${valuePath}/${i}`)),
      };
    }
    case 'within':
      if (typeof value !== 'string' || !(RELATIVE_RANGES as readonly string[]).includes(value))
        invalid(valuePath, `expected one of ${RELATIVE_RANGES.join(', ')}`);
      return { field, op: filterOp, value };
    case 'contains':
    case 'not_contains':
    case 'starts_with':
      if (typeof value !== 'string' || value.length === 0 || value.length > 200)
        invalid(valuePath, 'expected a text of 1 to 200 characters');
      return { field, op: filterOp, value };
    default:
      return { field, op: filterOp, value: scalarFor(field, value, valuePath) };
  }
}

function parseFilter(
  raw: unknown,
  fields: Map<string, ListField>,
): { match: 'all' | 'any'; conditions: FilterCondition[] } {
  if (raw === undefined || raw === null || raw === '') return { match: 'all', conditions: [] };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      invalid('/filter', 'filter must be JSON');
    }
  }
  let match: 'all' | 'any' = 'all';
  let list: unknown = value;
  if (isObject(value)) {
    if (value.match !== undefined && value.match !== 'all' && value.match !== 'any')
      invalid('/filter/match', 'match is "all" or "any"');
    match = value.match === 'any' ? 'any' : 'all';
    list = value.conditions;
  }
  if (!Array.isArray(list)) invalid('/filter', 'filter is a list of conditions');
  if (list.length > MAX_CONDITIONS) invalid('/filter', `at most ${MAX_CONDITIONS} conditions`);
  return { match, conditions: list.map((c, i) => conditionOf(c, i, fields)) };
}

function parseSort(raw: string | undefined, fields: Map<string, ListField>): ListSort {
  const text = raw === undefined || raw === '' ? 'createdAt:desc' : raw;
  const [name, dir = 'asc', ...rest] = text.split(':');
  const field = name ? fields.get(name) : undefined;
  if (!field || rest.length > 0 || (dir !== 'asc' && dir !== 'desc'))
    invalid('/sort', 'sort is "<field>:asc" or "<field>:desc" with a field of the form');
  if (!isSortable(field.kind)) invalid('/sort', `field "${field.key}" cannot be sorted`);
  return { field, direction: dir };
}

function parseTimeZone(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'UTC';
  if (raw.length > 64) invalid('/tz', 'unknown time zone');
  try {
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    invalid('/tz', 'unknown time zone');
  }
}

/** Checks a list query against the form: every field known, every operator fitting its kind. */
export function parseListQuery(form: FormDefinition, input: ListQueryInput): ListQuery {
  const fields = listFields(form);
  const { match, conditions } = parseFilter(input.filter, fields);
  const search = input.search?.trim() ?? '';
  if (search.length > 200) invalid('/search', 'search is at most 200 characters');
  let columns: string[] | null = null;
  if (input.columns && input.columns.length > 0) {
    columns = [];
    for (const c of input.columns) {
      if (!Object.prototype.hasOwnProperty.call(form.schema.properties, c))
        invalid('/columns', `unknown column ${JSON.stringify(c)}`);
      columns.push(c);
    }
  }
  return {
    match,
    conditions,
    sort: parseSort(input.sort, fields),
    search: search === '' ? null : search,
    columns,
    timeZone: parseTimeZone(input.tz),
  };
}
