/**
 * JavaScript coercions as json-logic-js performs them, made safe for untrusted data:
 * objects are turned into primitives without ever calling a `toString`/`valueOf` found
 * on the data (an own `toString` key would otherwise crash or run nothing useful).
 */

/** What JavaScript operators see once objects have been converted. */
export type Primitive = string | number | boolean | null | undefined;

/** Nesting beyond which arrays stringify as empty (data from JSON never gets close). */
const MAX_STRINGIFY_DEPTH = 32;

/**
 * JSON Logic truthiness (json-logic-js `truthy`): JavaScript truthiness, except that an
 * empty array is falsy.
 */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return !!value;
}

/** `String(object)` for plain data: arrays join like `Array.prototype.join`, objects are `[object Object]`. */
function objectToString(value: object, depth: number): string {
  if (Array.isArray(value)) {
    if (depth >= MAX_STRINGIFY_DEPTH) return '';
    let out = '';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      if (item === null || item === undefined) continue;
      out += typeof item === 'object' ? objectToString(item, depth + 1) : String(toPrimitive(item));
    }
    return out;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return '[object Object]';
}

/** ToPrimitive without user code: objects become their safe string form; non-JSON values become `undefined`. */
export function toPrimitive(value: unknown): Primitive {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      return value === null ? null : objectToString(value, 0);
    default:
      return undefined;
  }
}

/** JavaScript `ToNumber` on the safe primitive. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(toPrimitive(value));
}

/** JavaScript `String(value)` on the safe primitive (`null` → "null"). */
export function toStringValue(value: unknown): string {
  return typeof value === 'string' ? value : String(toPrimitive(value));
}

/** How `Array.prototype.join` renders one element: `null`/`undefined` → "". */
export function toJoinPart(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? '' : String(toPrimitive(value));
}

/** `parseFloat(value)` as json-logic-js `+` and `*` apply it (numbers pass through, -0 → 0). */
export function parseFloatValue(value: unknown): number {
  if (typeof value === 'number') return value === 0 ? 0 : value;
  return parseFloat(toStringValue(value));
}

/** JavaScript `a == b` (what json-logic-js `==` is), without running code found on the data. */
export function looseEquals(a: unknown, b: unknown): boolean {
  // Same primitive type: `==` is `===` (the common case, kept cheap).
  if (typeof a === typeof b && typeof a !== 'object') return a === b;
  const aIsObject = typeof a === 'object' && a !== null;
  const bIsObject = typeof b === 'object' && b !== null;
  if (aIsObject && bIsObject) return a === b;
  if (aIsObject || bIsObject) {
    const other = aIsObject ? b : a;
    // `null == {}` is false before any conversion happens.
    if (other === null || other === undefined) return false;
    // eslint-disable-next-line eqeqeq -- json-logic-js semantics are JavaScript loose equality
    return toPrimitive(a) == toPrimitive(b);
  }
  // eslint-disable-next-line eqeqeq -- json-logic-js semantics are JavaScript loose equality
  return a == b;
}

/** JavaScript `a < b` on safe primitives (string vs string compares by code units). */
export function lessThan(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  return (toPrimitive(a) as number) < (toPrimitive(b) as number);
}

/** JavaScript `a <= b` on safe primitives. */
export function lessOrEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  return (toPrimitive(a) as number) <= (toPrimitive(b) as number);
}
