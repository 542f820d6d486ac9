import { isTruthy } from '@liuyun/logic';
import type { JsonObject, JsonValue } from '../types';
import type {
  CompiledField,
  CompiledForm,
  CompiledRule,
  CompiledScope,
  RuleOptions,
} from './compiled-form';
import type { EvaluateOptions, FieldError, FormEvaluation } from './form-evaluation.types';
import { isPlainObject, REFUSING_KEYWORDS, SubmissionCleaner } from './submission-cleaner';
import {
  isBlank,
  notAnObject,
  refused,
  requiredError,
  ruleError,
  ruleOptionsOf,
  runChecks,
  thrownMessage,
  validateTypes,
} from './submission-errors';

type Outcome = { ok: true; value: JsonValue } | { ok: false; message: string };

function runRule(rule: CompiledRule, data: JsonValue, options: RuleOptions): Outcome {
  try {
    return { ok: true, value: rule(data, options) };
  } catch (error) {
    return { ok: false, message: thrownMessage(error) };
  }
}

/** A computed result that JSON cannot hold (NaN, Infinity) or `null` leaves the field empty. */
function isStorable(value: JsonValue): boolean {
  return value !== null && (typeof value !== 'number' || Number.isFinite(value));
}

/** One scope (the record, or one row) being evaluated. */
interface ScopeRun {
  scope: CompiledScope;
  /** The working data of the scope (cleaned input plus computed values). */
  data: JsonObject;
  /** The JSON Logic data rules see: the record itself, or the row plus `$record`. */
  ruleData: JsonObject;
  /** JSON Pointer of the scope's object in the submission. */
  pointer: string;
  /** Prefix of `visibility`/`required` keys. */
  keyPrefix: string;
  /** Keys of the fields found hidden. */
  hidden: Set<string>;
}

function scopeRun(
  scope: CompiledScope,
  data: JsonObject,
  ruleData: JsonObject,
  pointer: string,
  keyPrefix: string,
): ScopeRun {
  return { scope, data, ruleData, pointer, keyPrefix, hidden: new Set() };
}

/** The data of a scope without its hidden fields (a new object: no `delete` on hot objects). */
function visibleData(run: ScopeRun): JsonObject {
  if (run.hidden.size === 0) return run.data;
  const data: JsonObject = {};
  for (const key of Object.keys(run.data)) {
    if (!run.hidden.has(key)) data[key] = run.data[key] as JsonValue;
  }
  return data;
}

class Evaluation {
  readonly errors: FieldError[] = [];
  readonly visibility: Record<string, boolean> = {};
  readonly required: Record<string, boolean> = {};

  constructor(
    private readonly compiled: CompiledForm,
    readonly ruleOptions: RuleOptions,
  ) {}

  private ruleError(run: ScopeRun, field: CompiledField, keyword: string, message: string): void {
    this.errors.push(ruleError(field, run.pointer, keyword, message));
  }

  /** Computes the scope's computed fields in dependency order, over what the client sent. */
  compute(run: ScopeRun): void {
    for (const field of run.scope.computedOrder) {
      if (!field.computed) continue;
      const outcome = runRule(field.computed, run.ruleData, this.ruleOptions);
      if (!outcome.ok) {
        this.ruleError(run, field, 'computed', `could not be computed (${outcome.message})`);
      } else if (isStorable(outcome.value)) {
        run.data[field.key] = outcome.value;
        if (run.ruleData !== run.data) run.ruleData[field.key] = outcome.value;
      }
    }
  }

  /** Applies `x-visible` and `x-required-when`; reports required fields left blank. */
  present(run: ScopeRun): void {
    for (const field of run.scope.fields) {
      const key = run.keyPrefix === '' ? field.key : `${run.keyPrefix}${field.key}`;
      const visible = this.holds(field.visible, run, field, true);
      this.visibility[key] = visible;
      if (!visible) {
        run.hidden.add(field.key);
        this.required[key] = false;
        continue;
      }
      const required = field.staticRequired || this.holds(field.requiredWhen, run, field, false);
      this.required[key] = required;
      if (required && isBlank(run.data[field.key])) {
        this.errors.push(requiredError(field, run.pointer));
      }
    }
  }

  private holds(
    rule: CompiledRule | undefined,
    run: ScopeRun,
    field: CompiledField,
    fallback: boolean,
  ): boolean {
    if (!rule) return fallback;
    const outcome = runRule(rule, run.ruleData, this.ruleOptions);
    if (outcome.ok) return isTruthy(outcome.value);
    this.ruleError(run, field, 'rule', `a rule could not be evaluated (${outcome.message})`);
    return fallback;
  }

  /** One run per row (object) of each sub-form in the record, skipping `hidden` sub-forms. */
  rowRuns(
    record: JsonObject,
    hidden: Set<string>,
  ): { field: CompiledField; runs: (ScopeRun | null)[] }[] {
    const result: { field: CompiledField; runs: (ScopeRun | null)[] }[] = [];
    for (const field of this.compiled.record.subForms) {
      const rows = record[field.key];
      if (!field.rows || !Array.isArray(rows) || hidden.has(field.key)) continue;
      const scope = field.rows;
      const runs = rows.map((row, index) =>
        isPlainObject(row)
          ? scopeRun(
              scope,
              row,
              { ...row, $record: record },
              `/${field.token}/${index}`,
              `${field.key}.${index}.`,
            )
          : null,
      );
      result.push({ field, runs });
    }
    return result;
  }
}

/**
 * Evaluates one submission against a compiled form: clean, compute (rows first, then the
 * record, each in dependency order), apply visibility (every visibility rule sees the
 * computed data) and conditional requirements, drop hidden fields, validate types with
 * ajv, run the submit checks. Never throws.
 */
export function evaluateSubmission(
  compiled: CompiledForm,
  input: unknown,
  options: EvaluateOptions = {},
): FormEvaluation {
  if (!isPlainObject(input)) return notAnObject();
  const evaluation = new Evaluation(compiled, ruleOptionsOf(options));
  const cleaner = new SubmissionCleaner(
    options.allowReadonly === true,
    evaluation.errors,
    evaluation.ruleOptions,
  );
  const data = cleaner.cleanScope(input, compiled.record, '', 0);
  const refusing = evaluation.errors.filter((error) => REFUSING_KEYWORDS.has(error.keyword));
  if (refusing.length > 0) return refused(refusing);
  const record = scopeRun(compiled.record, data, data, '', '');
  for (const { runs } of evaluation.rowRuns(data, record.hidden)) {
    runs.forEach((row) => row && evaluation.compute(row));
  }
  evaluation.compute(record);
  evaluation.present(record);
  for (const { field, runs } of evaluation.rowRuns(data, record.hidden)) {
    runs.forEach((row) => row && evaluation.present(row));
    const rows = data[field.key] as JsonValue[];
    data[field.key] = rows.map((row, index) => {
      const run = runs[index];
      return run ? visibleData(run) : row;
    });
  }
  const result = visibleData(record);
  validateTypes(compiled, result, evaluation.errors);
  runChecks(compiled, result, evaluation.errors, evaluation.ruleOptions);
  return {
    data: result,
    visibility: evaluation.visibility,
    required: evaluation.required,
    errors: evaluation.errors,
  };
}
