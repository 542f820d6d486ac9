import type { JsonObject, JsonValue } from '@liuyun/definitions';
import { compileRule, isTruthy } from '@liuyun/logic';
import type { EntityManager } from 'typeorm';
import type { QuerySettings } from './automation.types';

/** Most records one query looks through. */
const QUERY_SCAN_LIMIT = 5_000;

function numbers(values: JsonValue[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
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
    case 'min':
    case 'max': {
      const ns = numbers(values);
      if (ns.length === 0) return null;
      return settings.aggregate === 'min' ? Math.min(...ns) : Math.max(...ns);
    }
    case 'first':
      return rows[0] ?? null;
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
