import { isTruthy } from '@liuyun/logic';
import type { JsonObject, JsonValue } from '../types';
import type { ErrorObject } from '../validation/ajv.instance';
import type { CompiledField, CompiledForm, CompiledRule, CompiledScope } from './compiled-form';
import type { EvaluateOptions, FieldError, FormEvaluation } from './form-evaluation.types';
import { isPlainObject, REFUSING_KEYWORDS, SubmissionCleaner } from './submission-cleaner';

type Outcome = { ok: true; value: JsonValue } | { ok: false; message: string };

function runRule(rule: CompiledRule, data: JsonValue): Outcome {
  try {
    return { ok: true, value: rule(data) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Blank values count as "not filled in" for required fields. */
function isBlank(value: JsonValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
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

  constructor(private readonly compiled: CompiledForm) {}

  private ruleError(run: ScopeRun, field: CompiledField, keyword: string, message: string): void {
    this.errors.push({
      instancePath: `${run.pointer}/${field.token}`,
      keyword,
      message: `${field.label}: ${message}`,
      params: { field: field.key },
    });
  }

  /** Computes the scope's computed fields in dependency order, over what the client sent. */
  compute(run: ScopeRun): void {
    for (const field of run.scope.computedOrder) {
      if (!field.computed) continue;
      const outcome = runRule(field.computed, run.ruleData);
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
        this.errors.push({
          instancePath: `${run.pointer}/${field.token}`,
          keyword: 'required',
          message: `${field.label} is required`,
          params: { missingProperty: field.key },
        });
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
    const outcome = runRule(rule, run.ruleData);
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

  validateTypes(data: JsonObject): void {
    const validate = this.compiled.validateData;
    if (validate(data)) return;
    for (const error of validate.errors ?? []) this.errors.push(this.fromAjv(error));
  }

  private fromAjv(error: ErrorObject): FieldError {
    const field = this.fieldAt(error.instancePath);
    const message = error.message ?? `fails "${error.keyword}"`;
    return {
      instancePath: error.instancePath,
      keyword: error.keyword,
      message: field ? `${field.label} ${message}` : message,
      params: JSON.parse(JSON.stringify(error.params ?? {})) as Record<string, JsonValue>,
    };
  }

  private fieldAt(instancePath: string): CompiledField | undefined {
    const [top, , rowKey] = instancePath.split('/').slice(1);
    const field = this.compiled.record.byKey.get(top ?? '');
    return rowKey !== undefined ? (field?.rows?.byKey.get(rowKey) ?? field) : field;
  }

  runChecks(data: JsonObject): void {
    for (const { check, rule } of this.compiled.checks) {
      const outcome = runRule(rule, data);
      if (outcome.ok && isTruthy(outcome.value)) continue;
      this.errors.push({
        instancePath: check.field !== undefined ? `/${check.field}` : '',
        keyword: 'check',
        message: check.message.en,
        params: { checkId: check.id, messageZh: check.message.zh },
      });
    }
  }
}

function refused(errors: FieldError[]): FormEvaluation {
  return { data: {}, visibility: {}, required: {}, errors };
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
  if (!isPlainObject(input)) {
    return refused([
      {
        instancePath: '',
        keyword: 'type',
        message: 'the submission must be a JSON object',
        params: { type: 'object' },
      },
    ]);
  }
  const evaluation = new Evaluation(compiled);
  const cleaner = new SubmissionCleaner(options.allowReadonly === true, evaluation.errors);
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
  evaluation.validateTypes(result);
  evaluation.runChecks(result);
  return {
    data: result,
    visibility: evaluation.visibility,
    required: evaluation.required,
    errors: evaluation.errors,
  };
}
