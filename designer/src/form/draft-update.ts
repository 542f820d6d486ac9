import type { JsonObject, JsonValue } from '@liuyun/definitions';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `container` with the value at `segments` replaced (or removed when `undefined`).
 * Only the objects and arrays on the way are copied, so React sees exactly what changed.
 */
export function setIn(
  container: JsonValue | undefined,
  segments: readonly string[],
  value: JsonValue | undefined,
): JsonValue | undefined {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (Array.isArray(container)) {
    const index = Number(head);
    const copy = [...container];
    const next = setIn(copy[index], rest, value);
    copy[index] = next === undefined ? {} : next;
    return copy;
  }
  const copy: JsonObject = isObject(container) ? { ...container } : {};
  const next = setIn(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** The value at a JSON Pointer, if the path exists. */
export function getIn(container: JsonValue | undefined, path: string): JsonValue | undefined {
  let current = container;
  for (const segment of splitPointer(path)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

export function splitPointer(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
