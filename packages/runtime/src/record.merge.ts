import type { JsonObject, JsonValue } from '@liuyun/definitions';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a key may be written to a record. */
export function isWritableKey(key: string): boolean {
  return !FORBIDDEN_KEYS.has(key);
}

/** The entries of a patch that may be written to a record (no prototype-reaching keys). */
export function safePatch(patch: Record<string, JsonValue>): Record<string, JsonValue> {
  const clean: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!FORBIDDEN_KEYS.has(key)) clean[key] = value;
  }
  return clean;
}

/** Writes a patch into a record in place (the working copy of the state). */
export function mergeIntoRecord(record: JsonObject, patch: Record<string, JsonValue>): void {
  for (const [key, value] of Object.entries(safePatch(patch))) record[key] = value;
}
