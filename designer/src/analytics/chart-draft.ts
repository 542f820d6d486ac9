import type { ChartForm } from '@liuyun/client';
import type {
  ChartDefinition,
  ChartFieldInfo,
  ChartFilter,
  ChartSource,
  FilterOp,
  GroupQuery,
} from '@liuyun/definitions';

/** A fresh chart over a form: a bar of records counted by the first enum (or any) field. */
export function newChart(
  id: string,
  form: ChartForm,
  title: { zh: string; en: string },
): ChartDefinition {
  const dim =
    form.records.find((f) => !f.system && f.kind === 'enum') ??
    form.records.find((f) => f.key === '$created_at');
  return {
    id,
    title,
    type: 'bar',
    span: 12,
    query: {
      kind: 'group',
      form: form.key,
      measure: { op: 'count' },
      ...(dim
        ? {
            dimension:
              dim.kind === 'datetime' ? { field: dim.key, bucket: 'month' } : { field: dim.key },
          }
        : {}),
    },
  };
}

/** A chart id not yet used in the dashboard. */
export function freshChartId(charts: ChartDefinition[]): string {
  for (let n = charts.length + 1; ; n += 1) {
    const id = `chart_${n}`;
    if (!charts.some((c) => c.id === id)) return id;
  }
}

export function fieldsOf(
  form: ChartForm | undefined,
  source: ChartSource | undefined,
): ChartFieldInfo[] {
  if (!form) return [];
  return source === 'tasks' ? form.tasks : form.records;
}

/** Which filter conditions fit a field of this kind. */
export function opsFor(kind: ChartFieldInfo['kind'] | undefined): FilterOp[] {
  const base: FilterOp[] = ['eq', 'ne', 'in', 'not_in', 'empty', 'not_empty'];
  if (kind === 'number') return [...base, 'gt', 'gte', 'lt', 'lte'];
  if (kind === 'date' || kind === 'datetime')
    return [...base, 'gt', 'gte', 'lt', 'lte', 'within_days'];
  if (kind === 'text') return [...base, 'contains'];
  return base;
}

/** A filter made to fit its (new) field and condition: the value is reset when it cannot stay. */
export function fitFilter(filter: ChartFilter, field: ChartFieldInfo | undefined): ChartFilter {
  const ops = opsFor(field?.kind);
  const op = ops.includes(filter.op) ? filter.op : 'eq';
  const next: ChartFilter = { field: filter.field, op };
  if (op === 'empty' || op === 'not_empty') return next;
  const v = filter.value;
  if (op === 'in' || op === 'not_in') {
    next.value = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v as string];
  } else if (op === 'within_days') {
    next.value = typeof v === 'number' ? v : 30;
  } else if (!Array.isArray(v) && v !== undefined) {
    next.value = v;
  } else {
    next.value = field?.kind === 'number' ? 0 : field?.kind === 'boolean' ? true : '';
  }
  return next;
}

/** The group query with its part changed, dropping what no longer fits the new form or source. */
export function withForm(query: GroupQuery, form: ChartForm, source: ChartSource): GroupQuery {
  const fields = fieldsOf(form, source);
  const has = (key: string | undefined) => key !== undefined && fields.some((f) => f.key === key);
  const next: GroupQuery = {
    kind: 'group',
    form: form.key,
    measure: has(query.measure.field) ? query.measure : { op: 'count' },
    filters: (query.filters ?? []).filter((f) => has(f.field)),
  };
  if (source === 'tasks') next.source = 'tasks';
  if (query.dimension && has(query.dimension.field)) next.dimension = query.dimension;
  if (query.sort) next.sort = query.sort;
  if (query.limit !== undefined) next.limit = query.limit;
  if (next.filters?.length === 0) delete next.filters;
  return next;
}
