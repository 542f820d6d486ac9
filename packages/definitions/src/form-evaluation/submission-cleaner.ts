import type { JsonObject, JsonValue } from '../types';
import { escapePointerToken } from '../validation/json-pointer';
import type { CompiledScope, RuleOptions } from './compiled-form';
import type { FieldError } from './form-evaluation.types';

/** Keys that reach prototypes in careless code; refused anywhere in a submission. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Bounds on a submission's shape (the host caps the body size before this runs). */
export const SUBMISSION_LIMITS = { depth: 32, values: 100_000 } as const;

/** Error keywords that refuse the whole submission before any rule runs. */
export const REFUSING_KEYWORDS = new Set(['forbiddenProperty', 'maxDepth', 'maxValues']);

/** Whether a value is a plain JSON object (not an array, a class instance or null). */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Cleans one row (a plain object) found at `pointer`, `depth` levels down. */
export type RowCleaner = (
  row: JsonObject,
  cleaner: SubmissionCleaner,
  pointer: string,
  depth: number,
) => JsonObject;

/** A position under a field value; the JSON Pointer is only built when an error needs it. */
interface Position {
  parent: Position | null;
  key: string;
}

function pointerOf(base: string, position: Position | null): string {
  const tokens: string[] = [];
  for (let at = position; at; at = at.parent) tokens.push(escapePointerToken(at.key));
  return tokens.reverse().reduce((path, token) => `${path}/${token}`, base);
}

/**
 * Cleans one submission: copies what a submitter may send and reports what they may not.
 * Nested values are walked iteratively (no recursion on untrusted depth).
 */
export class SubmissionCleaner {
  private values = 0;
  /** Set when a sub-form's rows had holes (only possible in-process, never from JSON). */
  sawHoles = false;

  constructor(
    readonly allowReadonly: boolean,
    readonly errors: FieldError[],
    /** What rules read besides the data (generated code passes it as `c.o`). */
    readonly o: RuleOptions = {},
  ) {}

  /**
   * Copies the fields of a scope: unknown keys are reported, computed fields skipped (they
   * are recomputed), read-only fields dropped unless allowed, `null` read as "left empty".
   * Rows of sub-forms are cleaned the same way.
   */
  cleanScope(input: JsonObject, scope: CompiledScope, pointer: string, depth: number): JsonObject {
    const data: JsonObject = {};
    let present = 0;
    // Walking the form's fields (not the input's keys) keeps every result the same shape.
    for (const field of scope.fields) {
      if (!Object.prototype.hasOwnProperty.call(input, field.key)) continue;
      present += 1;
      const value = input[field.key] as JsonValue;
      const rows = field.rows;
      if (rows && Array.isArray(value)) {
        const at = `${pointer}/${field.token}`;
        if (this.count(at) && !field.computed && (!field.readonly || this.allowReadonly)) {
          data[field.key] = this.cleanRows(
            value,
            (row, cleaner, rowAt, rowDepth) => cleaner.cleanScope(row, rows, rowAt, rowDepth),
            at,
            depth + 1,
          );
        }
        continue;
      }
      if (typeof value === 'object' && value !== null)
        this.scan(value, `${pointer}/${field.token}`, depth + 1);
      if (field.computed || (field.readonly && !this.allowReadonly) || value === null) continue;
      data[field.key] = value;
    }
    if (present !== Object.keys(input).length) this.reportUnknownKeys(input, scope, pointer);
    return data;
  }

  /**
   * Cleans the rows of a sub-form with `cleanRow` (the scope's cleaner); a row that is not
   * an object is reported and becomes `{}`.
   */
  cleanRows(rows: JsonValue[], cleanRow: RowCleaner, pointer: string, depth: number): JsonValue[] {
    const cleaned = new Array<JsonValue>(rows.length);
    for (let index = 0; index < rows.length; index++) {
      // Holes stay holes, as `Array#map` leaves them.
      if (!(index in rows)) {
        this.sawHoles = true;
        continue;
      }
      const row = rows[index];
      const at = `${pointer}/${index}`;
      if (isPlainObject(row)) {
        cleaned[index] = this.count(at) ? cleanRow(row, this, at, depth + 1) : {};
        continue;
      }
      this.errors.push({
        instancePath: at,
        keyword: 'type',
        message: 'each row must be an object',
        params: { type: 'object' },
      });
      // An empty row keeps the indexes of the rows after it stable in later errors.
      cleaned[index] = {};
    }
    return cleaned;
  }

  /** Reports every key of `input` that is not a field of the scope. */
  reportUnknownKeys(input: JsonObject, scope: CompiledScope, pointer: string): void {
    for (const key of Object.keys(input)) {
      if (scope.byKey.has(key)) continue;
      this.errors.push(
        FORBIDDEN_KEYS.has(key)
          ? {
              instancePath: `${pointer}/${escapePointerToken(key)}`,
              keyword: 'forbiddenProperty',
              message: `the key "${key}" is not allowed`,
              params: { property: key },
            }
          : {
              instancePath: pointer,
              keyword: 'additionalProperties',
              message: `"${key}" is not a field of this form`,
              params: { additionalProperty: key },
            },
      );
    }
  }

  /** Counts one value against the size bound; false (with an error) once it is exceeded. */
  count(pointer: string): boolean {
    this.values += 1;
    if (this.values !== SUBMISSION_LIMITS.values + 1)
      return this.values <= SUBMISSION_LIMITS.values;
    this.errors.push({
      instancePath: pointer,
      keyword: 'maxValues',
      message: 'the submission is too large',
      params: { limit: SUBMISSION_LIMITS.values },
    });
    return false;
  }

  /** Walks a nested field value for prototype-reaching keys and the depth and size bounds. */
  scan(value: object, base: string, baseDepth: number): void {
    const stack: { value: object; at: Position | null; depth: number }[] = [
      { value, at: null, depth: baseDepth },
    ];
    while (stack.length > 0) {
      const item = stack.pop();
      if (!item || !this.count(base)) return;
      if (item.depth >= SUBMISSION_LIMITS.depth) {
        this.errors.push({
          instancePath: pointerOf(base, item.at),
          keyword: 'maxDepth',
          message: 'the value is nested too deeply',
          params: { limit: SUBMISSION_LIMITS.depth },
        });
        return;
      }
      const isArray = Array.isArray(item.value);
      for (const key of Object.keys(item.value)) {
        if (!isArray && FORBIDDEN_KEYS.has(key)) {
          this.errors.push({
            instancePath: pointerOf(base, { parent: item.at, key }),
            keyword: 'forbiddenProperty',
            message: `the key "${key}" is not allowed`,
            params: { property: key },
          });
          continue;
        }
        const child = (item.value as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) {
          stack.push({ value: child, at: { parent: item.at, key }, depth: item.depth + 1 });
        }
      }
    }
  }
}
