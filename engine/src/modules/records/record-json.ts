import type { JsonObject } from '@liuyun/definitions';

/** A JSON object (not an array, not null): the shape of a record's data. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
