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

/**
 * The record with a patch merged over it: a new object (the old one may be shared with
 * the saved state, which a step never writes).
 */
export function mergedRecord(record: JsonObject, patch: Record<string, JsonValue>): JsonObject {
  const next: JsonObject = { ...record };
  for (const [key, value] of Object.entries(patch)) {
    if (!FORBIDDEN_KEYS.has(key)) next[key] = value;
  }
  return next;
}
