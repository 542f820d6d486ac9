import { badRequest } from '../../common/errors/app-error';
import {
  SYSTEM_FIELDS,
  sortExpression,
  sqlKey,
  sqlType,
  type ListField,
} from './record-field-kinds';
import type {
  FilterCondition,
  FilterValue,
  ListQuery,
  ListSort,
  RelativeRange,
} from './record-list.query';
import { cjkQuery, searchQuery } from './record-search';

/** Positional parameters for one statement. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds consecutive values and returns the index of the first (for helpers taking `$n`). */
  addAll(...values: unknown[]): number {
    const first = this.values.length + 1;
    this.values.push(...values);
    return first;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function containment(field: ListField, value: FilterValue | FilterValue[], p: SqlParams): string {
  if (field.system) {
    const column = SYSTEM_FIELDS[field.key as keyof typeof SYSTEM_FIELDS].column;
    return `${column} = ${p.add(value)}::uuid`;
  }
  return `r.data @> ${p.add(JSON.stringify({ [field.key]: value }))}::jsonb`;
}

function emptySql(field: ListField): string {
  if (field.system) return 'false';
  const k = sqlKey(field.key);
  return `((r.data -> ${k}) IS NULL OR (r.data -> ${k}) IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`;
}

/** [start, end) of a relative range as local timestamps in the viewer's zone. */
function rangeBounds(range: RelativeRange, localNow: string): [string, string] {
  const day = `date_trunc('day', ${localNow})`;
  const week = `date_trunc('week', ${localNow})`;
  const month = `date_trunc('month', ${localNow})`;
  const plus = (base: string, interval: string) => `(${base} + interval '${interval}')`;
  switch (range) {
    case 'today':
      return [day, plus(day, '1 day')];
    case 'yesterday':
      return [plus(day, '-1 day'), day];
    case 'tomorrow':
      return [plus(day, '1 day'), plus(day, '2 days')];
    case 'this_week':
      return [week, plus(week, '7 days')];
    case 'last_week':
      return [plus(week, '-7 days'), week];
    case 'this_month':
      return [month, plus(month, '1 month')];
    case 'last_month':
      return [plus(month, '-1 month'), month];
    case 'this_year': {
      const year = `date_trunc('year', ${localNow})`;
      return [year, plus(year, '1 year')];
    }
    case 'last_7_days':
      return [plus(day, '-6 days'), plus(day, '1 day')];
    case 'last_30_days':
      return [plus(day, '-29 days'), plus(day, '1 day')];
    case 'next_7_days':
      return [day, plus(day, '7 days')];
    case 'next_30_days':
      return [day, plus(day, '30 days')];
  }
}

function withinSql(c: FilterCondition, expr: string, tz: string, p: SqlParams): string {
  const zone = p.add(tz);
  const [start, end] = rangeBounds(c.value as RelativeRange, `(now() AT TIME ZONE ${zone})`);
  if (c.field.kind === 'date') {
    return `(${expr} >= to_char(${start}, 'YYYY-MM-DD') AND ${expr} < to_char(${end}, 'YYYY-MM-DD'))`;
  }
  return `(${expr} >= (${start} AT TIME ZONE ${zone}) AND ${expr} < (${end} AT TIME ZONE ${zone}))`;
}

function comparison(
  expr: string,
  op: string,
  value: FilterValue,
  type: string,
  p: SqlParams,
): string {
  return `${expr} ${op} ${p.add(typeof value === 'number' ? String(value) : value)}::${type}`;
}

function conditionSql(c: FilterCondition, q: ListQuery, userId: string, p: SqlParams): string {
  const { field } = c;
  const expr = sortExpression(field.key, field.kind);
  const type = sqlType(field.kind);
  const list = Array.isArray(c.value) ? c.value : [];
  switch (c.op) {
    case 'empty':
      return emptySql(field);
    case 'not_empty':
      return `NOT ${emptySql(field)}`;
    case 'is_me':
      if (field.kind === 'multi') return containment(field, [userId], p);
      return containment(field, userId, p);
    case 'eq':
      if (field.kind === 'datetime') return comparison(expr, '=', c.value as FilterValue, type, p);
      // A choice also compared as text, the form its list indexes lead with
      // (record-indexes.service.ts `listIndex`); the containment keeps the exact meaning.
      if (field.kind === 'choice' && !field.system && typeof c.value === 'string')
        return `(${expr} = ${p.add(c.value)}::text AND ${containment(field, c.value, p)})`;
      return containment(field, c.value as FilterValue, p);
    case 'ne':
      return `NOT (${containment(field, c.value as FilterValue, p)})`;
    case 'in':
      return `(${list.map((v) => containment(field, field.kind === 'multi' ? [v] : v, p)).join(' OR ')})`;
    case 'not_in':
      return `NOT (${list.map((v) => containment(field, v, p)).join(' OR ')})`;
    case 'contains':
    case 'not_contains':
    case 'starts_with': {
      const text = String(c.value);
      const pattern = c.op === 'starts_with' ? `${escapeLike(text)}%` : `%${escapeLike(text)}%`;
      const like = `coalesce(${expr} ILIKE ${p.add(pattern)}, false)`;
      if (c.op === 'not_contains') return `NOT ${like}`;
      // CJK text has its characters and bigrams in the search vector: an indexed
      // pre-filter that every true match passes.
      const cjk = cjkQuery(text);
      return cjk ? `(r.search @@ ${p.add(cjk)}::tsquery AND ${like})` : like;
    }
    case 'gt':
      return comparison(expr, '>', c.value as FilterValue, type, p);
    case 'gte':
      return comparison(expr, '>=', c.value as FilterValue, type, p);
    case 'lt':
      return comparison(expr, '<', c.value as FilterValue, type, p);
    case 'lte':
      return comparison(expr, '<=', c.value as FilterValue, type, p);
    case 'between': {
      const [from, to] = list as [FilterValue, FilterValue];
      return `(${comparison(expr, '>=', from, type, p)} AND ${comparison(expr, '<=', to, type, p)})`;
    }
    case 'within':
      return withinSql(c, expr, q.timeZone, p);
  }
}

/** The WHERE conditions of a list beyond form and visibility: filters and search. */
export function filterSql(q: ListQuery, userId: string, p: SqlParams): string[] {
  const out: string[] = [];
  if (q.conditions.length > 0) {
    const parts = q.conditions.map((c) => conditionSql(c, q, userId, p));
    out.push(q.match === 'any' ? `(${parts.join(' OR ')})` : parts.join(' AND '));
  }
  if (q.search) {
    const tsquery = searchQuery(q.search);
    // Text without a single letter or digit matches nothing.
    out.push(tsquery ? `r.search @@ ${p.add(tsquery)}::tsquery` : 'false');
  }
  return out;
}

export function orderSql(sort: ListSort): string {
  const expr = sortExpression(sort.field.key, sort.field.kind);
  return sort.direction === 'asc' ? `${expr} ASC, r.id ASC` : `${expr} DESC, r.id DESC`;
}

/** A position in a sorted list: the last row's sort value and id, tied to the sort. */
export interface ListCursor {
  s: string;
  v: string | number | null;
  id: string;
}

export function sortName(sort: ListSort): string {
  return `${sort.field.key}:${sort.direction}`;
}

export function encodeListCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeListCursor(raw: string | undefined, sort: ListSort): ListCursor | null {
  if (raw === undefined || raw === '') return null;
  const bad = () =>
    badRequest('invalid_cursor', 'The cursor is not one this server gave out for this sort.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null) throw bad();
  const c = parsed as Record<string, unknown>;
  const v = c.v;
  if (
    c.s !== sortName(sort) ||
    typeof c.id !== 'string' ||
    !UUID.test(c.id) ||
    !(v === null || typeof v === 'string' || typeof v === 'number') ||
    (typeof v === 'string' && v.length > 1000)
  )
    throw bad();
  if (v !== null && sort.field.kind === 'number' && !Number.isFinite(Number(v))) throw bad();
  if (
    v !== null &&
    sort.field.kind === 'datetime' &&
    !/^\d{4}-\d{2}-\d{2}[ T][0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)?$/.test(String(v))
  )
    throw bad();
  return { s: c.s, v, id: c.id };
}

/**
 * Rows after the cursor in the list's order. Ascending puts empty values last,
 * descending first (Postgres' defaults, so one index on (value, id) serves both ways).
 */
export function keysetSql(sort: ListSort, cursor: ListCursor, p: SqlParams): string {
  const expr = sortExpression(sort.field.key, sort.field.kind);
  const type =
    sort.field.key === 'createdBy' && sort.field.system ? 'uuid' : sqlType(sort.field.kind);
  const id = `${p.add(cursor.id)}::uuid`;
  if (sort.direction === 'asc') {
    if (cursor.v === null) return `(${expr} IS NULL AND r.id > ${id})`;
    return `((${expr}, r.id) > (${p.add(String(cursor.v))}::${type}, ${id}) OR ${expr} IS NULL)`;
  }
  if (cursor.v === null) return `((${expr} IS NULL AND r.id < ${id}) OR ${expr} IS NOT NULL)`;
  return `(${expr}, r.id) < (${p.add(String(cursor.v))}::${type}, ${id})`;
}
