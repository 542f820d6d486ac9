import type { JsonObject } from '@liuyun/definitions';

/**
 * A copy of `settings` with `key` set to `value`, or without `key` when the value is empty
 * (undefined, null, '' or an empty list): optional settings are left out, not stored empty.
 */
export function withOptional<T extends object, K extends keyof T>(
  settings: T,
  key: K,
  value: T[K] | null | undefined,
): T {
  const next = { ...settings };
  const empty =
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0);
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}

/** A JSON editor's value as an object (anything else becomes `{}`). */
export const asObject = (value: unknown): JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
