/**
 * JSON value types. Kept local on purpose: `@liuyun/definitions` depends on this
 * package, so importing its types from here would create a cycle.
 */

/** Any JSON value: what a rule is made of and what it evaluates to. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
