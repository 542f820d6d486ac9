import type { JsonObject, JsonValue } from '@liuyun/definitions';
import { compileRule, isTruthy } from '@liuyun/logic';
import type { EntityManager } from 'typeorm';
import type { QuerySettings } from './automation.types';

/** Most records one query looks through. */
const QUERY_SCAN_LIMIT = 5_000;

function numbers(values: JsonValue[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** ISO dates and date-times (`YYYY-MM-DD…`) among the values. */
function isoDates(values: JsonValue[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && ISO_DATE.test(v));
}

/**
 * `min` / `max` of numbers; when the field holds no number but ISO dates, the earliest
 * or latest date (date-only values compare as the start of their day).
 */
function extreme(values: JsonValue[], pickMin: boolean): JsonValue {
  const ns = numbers(values);
  if (ns.length > 0) return pickMin ? Math.min(...ns) : Math.max(...ns);
  const dates = isoDates(values);
  if (dates.length === 0) return null;
  const time = (d: string) => Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d);
  return dates.reduce((best, d) =>
    (pickMin ? time(d) < time(best) : time(d) > time(best)) ? d : best,
  );
}

/** The aggregate of the matching records' data. */
export function aggregate(settings: QuerySettings, rows: JsonObject[]): JsonValue {
  const values = rows.map((r) =>
    settings.field === undefined ? null : (r[settings.field] ?? null),
  );
  switch (settings.aggregate) {
    case 'count':
      return rows.length;
    case 'sum':
      return numbers(values).reduce((a, b) => a + b, 0);
    case 'avg': {
      const ns = numbers(values);
      return ns.length === 0 ? null : ns.reduce((a, b) => a + b, 0) / ns.length;
    }
    case 'min':
    case 'max':
      return extreme(values, settings.aggregate === 'min');
    case 'first':
      // With a field: that field of the first match; without: the whole record's data.
      if (rows[0] === undefined) return null;
      return settings.field === undefined ? rows[0] : (rows[0][settings.field] ?? null);
    case 'list':
      return values;
  }
}

/**
 * Runs a `query` step: the records of `formId` (oldest first) whose data matches the
 * filter, where `{"var": "$source.<field>"}` reads the triggering record, aggregated.
 */
export async function runQuery(
  m: EntityManager,
  formId: string,
  settings: QuerySettings,
  source: JsonObject,
): Promise<JsonValue> {
  const rows: { data: JsonObject }[] = await m.query(
    'SELECT data FROM records WHERE form_id = $1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT $2',
    [formId, QUERY_SCAN_LIMIT],
  );
  const test = settings.match === undefined ? null : compileRule(settings.match as JsonValue);
  const matched = rows
    .map((r) => r.data)
    .filter((data) => test === null || isTruthy(test({ ...data, $source: source })));
  return aggregate(settings, matched);
}
