/**
 * Reading data by `var` paths. Only own properties are visible, and the names that lead
 * to prototypes are refused even when the data happens to hold them as own keys.
 */

import { toStringValue } from './coercion';

/** Names never readable through `var`/`missing`, whatever the data holds. */
const BLOCKED_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a path segment may be read at all. */
export function isReadableSegment(segment: string): boolean {
  return !BLOCKED_SEGMENTS.has(segment);
}

/** Own index or `length` of a string, as json-logic-js reads them. */
function readStringOwn(text: string, key: string): unknown {
  if (key === 'length') return text.length;
  const index = Number(key);
  const isOwnIndex = Number.isInteger(index) && index >= 0 && String(index) === key;
  return isOwnIndex ? text[index] : undefined;
}

/**
 * `container[key]` if `key` is an own property of an object or a string, else `undefined`.
 * The caller has already checked `key` with {@link isReadableSegment}.
 */
export function readOwn(container: unknown, key: string): unknown {
  if (typeof container === 'object' && container !== null) {
    // Read first: absent keys (the common miss) then skip the ownership lookup.
    const value = (container as Record<string, unknown>)[key];
    return value !== undefined && Object.hasOwn(container, key) ? value : undefined;
  }
  return typeof container === 'string' ? readStringOwn(container, key) : undefined;
}

/** A `var` path split into segments; `null` means "the whole data" (json-logic-js: "", null, absent). */
export function splitPath(path: unknown): string[] | null {
  if (path === undefined || path === null || path === '') return null;
  return toStringValue(path).split('.');
}

/**
 * Follows `segments` through `data` like json-logic-js `var`: `notFound` as soon as a
 * step starts from `null`/`undefined` or lands on `undefined`.
 */
export function readPath(data: unknown, segments: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (let i = 0; i < segments.length; i++) {
    if (current === null || current === undefined) return notFound;
    const segment = segments[i] as string;
    if (!isReadableSegment(segment)) return notFound;
    current = readOwn(current, segment);
    if (current === undefined) return notFound;
  }
  return current;
}

/** `var` with a path computed at run time (rare: the path is itself a rule). */
export function readDynamicPath(data: unknown, path: unknown, notFound: unknown): unknown {
  const segments = splitPath(path);
  return segments === null ? data : readPath(data, segments, notFound);
}
