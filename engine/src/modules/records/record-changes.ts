import type { JsonObject, JsonValue } from '@liuyun/definitions';

// A type alias (not an interface) so it fits in timeline details, which are JSON.
export type FieldChange = {
  field: string;
  before: JsonValue | null;
  after: JsonValue | null;
};

/** Field-level before/after of an edit, for the timeline. */
export function changedFields(before: JsonObject, after: JsonObject): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
}
