import type { FieldSchema, JsonObject, JsonValue } from '../types';

/** The columns a sub-form field's rows may receive from a copy (stored, not computed). */
function copyableColumns(field: FieldSchema): string[] {
  const columns = field.items?.properties ?? {};
  return Object.entries(columns)
    .filter(([, column]) => column['x-computed'] === undefined && column.type !== 'null')
    .map(([key]) => key);
}

/** The columns a linked record's sub-form shares with the sub-form it is copied into. */
export function sharedColumns(into: FieldSchema, from: FieldSchema): string[] {
  const source = new Set(Object.keys(from.items?.properties ?? {}));
  return copyableColumns(into).filter((c) => source.has(c));
}

/**
 * The value a linked record's field gives the field it is copied into: as it is, except
 * into a sub-form, where each row keeps the columns the target sub-form stores (its
 * computed columns are computed again from them). Missing values copy as null.
 */
export function linkCopyValue(
  into: FieldSchema | undefined,
  value: JsonValue | undefined,
): JsonValue {
  if (value === undefined) return null;
  if (into?.['x-widget'] !== 'subform') return value;
  if (!Array.isArray(value)) return [];
  const columns = copyableColumns(into);
  return value
    .filter(
      (row): row is JsonObject => typeof row === 'object' && row !== null && !Array.isArray(row),
    )
    .map((row) => {
      const out: JsonObject = {};
      for (const c of columns) if (row[c] !== undefined && row[c] !== null) out[c] = row[c];
      return out;
    });
}
