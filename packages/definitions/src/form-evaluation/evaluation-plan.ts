/**
 * A form's evaluation plan, built once by `prepareForm`: field order, rule dependencies
 * (computed order) and the shape of the results resolved ahead, and each scope's work
 * compiled into generated functions (scope.codegen.ts). `null` where code cannot be
 * generated (a CSP without `new Function`, or a form outside what the generator handles):
 * those forms are evaluated by the closures of form-evaluator.ts, with the same results.
 */
import { isTruthy } from '@liuyun/logic';
import type { JsonObject, JsonValue } from '../types';
import type { CompiledField, CompiledForm, CompiledScope } from './compiled-form';
import { ResultRecords } from './result-records';
import { generateScope, scopeIsGeneratable } from './scope.codegen';
import type { RowCleaner, SubmissionCleaner } from './submission-cleaner';
import { isBlank, requiredError, ruleError, thrownMessage } from './submission-errors';

/** One scope's generated work. `pointer` is the JSON Pointer of the scope's object. */
export interface ScopeCode {
  /** A copy of what the submitter may send; reports the rest to the cleaner. */
  clean(input: JsonObject, cleaner: SubmissionCleaner, pointer: string, depth: number): JsonObject;
  /** Computes the computed fields in dependency order into `data` (and `ruleData`). */
  compute(
    data: JsonObject,
    ruleData: JsonObject,
    cleaner: SubmissionCleaner,
    pointer: string,
  ): void;
  /** Pushes each field's visibility and requirement, in field order; reports blanks. */
  present(
    data: JsonObject,
    ruleData: JsonObject,
    cleaner: SubmissionCleaner,
    pointer: string,
    visibility: boolean[],
    required: boolean[],
  ): void;
  /** `data` without its hidden fields (`data` itself when none is hidden). */
  copy(data: JsonObject, visibility: readonly boolean[], offset: number): JsonObject;
  /** What a row's rules read: a copy of the cleaned row plus `$record` (`{ ...row, $record }`). */
  ruleData(row: JsonObject, record: JsonObject): JsonObject;
}

/** A sub-form of the record and the code of its rows. */
export interface SubFormPlan {
  key: string;
  /** Index of the sub-form field among the record's fields. */
  fieldIndex: number;
  /** `/<key>/`, to which the row index is appended. */
  pointer: string;
  /** Whether rules read the rows (then they see the row plus `$record`). */
  hasRules: boolean;
  hasComputed: boolean;
  code: ScopeCode;
}

export interface EvaluationPlan {
  compiled: CompiledForm;
  record: ScopeCode;
  subForms: SubFormPlan[];
  records: ResultRecords;
}

/** What generated code may call (bound to locals once per scope; no globals are read). */
const HELPERS = Object.freeze({
  hasOwn: Object.hasOwn,
  objectPrototype: Object.prototype as Readonly<Record<string, unknown>>,
  isArray: Array.isArray,
  isFinite: Number.isFinite,
  isTruthy,
  isBlank,
  keyCount: (value: object): number => Object.keys(value).length,
  computeFailed(
    cleaner: SubmissionCleaner,
    field: CompiledField,
    pointer: string,
    error: unknown,
  ): null {
    cleaner.errors.push(
      ruleError(field, pointer, 'computed', `could not be computed (${thrownMessage(error)})`),
    );
    return null;
  },
  ruleFailed(
    cleaner: SubmissionCleaner,
    field: CompiledField,
    pointer: string,
    error: unknown,
    fallback: boolean,
  ): boolean {
    cleaner.errors.push(
      ruleError(field, pointer, 'rule', `a rule could not be evaluated (${thrownMessage(error)})`),
    );
    return fallback;
  },
  requiredMissing(cleaner: SubmissionCleaner, field: CompiledField, pointer: string): void {
    cleaner.errors.push(requiredError(field, pointer));
  },
});

let available: boolean | undefined;

/** Whether `new Function` may run here (a strict CSP forbids it); asked once. */
export function codegenAvailable(): boolean {
  if (available === undefined) {
    try {
      available = (new Function('return 1') as () => number)() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

function compileScope(
  scope: CompiledScope,
  isRow: boolean,
  rowCleaners: ReadonlyMap<CompiledField, unknown>,
): ScopeCode {
  const { source, constants } = generateScope(scope, isRow, rowCleaners);
  const factory = new Function('h', 'k', source) as (h: typeof HELPERS, k: unknown[]) => ScopeCode;
  return factory(HELPERS, constants);
}

function hasRules(scope: CompiledScope): boolean {
  return scope.fields.some((f) => f.computed || f.visible || f.requiredWhen);
}

/** Builds the plan of a compiled form, or `null` when the closures must evaluate it. */
export function buildEvaluationPlan(compiled: CompiledForm): EvaluationPlan | null {
  const { record } = compiled;
  if (!codegenAvailable() || !scopeIsGeneratable(record)) return null;
  const rowCleaners = new Map<CompiledField, unknown>();
  const subForms: SubFormPlan[] = [];
  for (const field of record.subForms) {
    const rows = field.rows;
    if (rows === undefined) continue;
    const code = compileScope(rows, true, new Map());
    const cleanRow: RowCleaner = (row, c, at, depth) => code.clean(row, c, at, depth);
    rowCleaners.set(
      field,
      (value: JsonValue[], c: SubmissionCleaner, at: string, depth: number): JsonValue[] =>
        c.cleanRows(value, cleanRow, at, depth),
    );
    subForms.push({
      key: field.key,
      fieldIndex: record.fields.indexOf(field),
      pointer: `/${field.token}/`,
      hasRules: hasRules(rows),
      hasComputed: rows.computedOrder.length > 0,
      code,
    });
  }
  const records = new ResultRecords(
    record.fields.map((f) => f.key),
    record.subForms.map((f) => ({ key: f.key, rowKeys: f.rows?.fields.map((r) => r.key) ?? [] })),
    true,
  );
  return { compiled, record: compileScope(record, false, rowCleaners), subForms, records };
}
