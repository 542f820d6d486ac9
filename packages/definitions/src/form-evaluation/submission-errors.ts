import { isTruthy } from '@liuyun/logic';
import type { JsonObject, JsonValue } from '../types';
import type { ErrorObject } from '../validation/ajv.instance';
import type { CompiledField, CompiledForm, CompiledScope, RuleOptions } from './compiled-form';
import type { FieldError, FormEvaluation } from './form-evaluation.types';

/**
 * The errors of a submission, shared by both ways of evaluating it (the generated plan
 * and the closures), so that both report exactly the same thing.
 */

/** The rule options of an evaluation (only what rules read). */
export function ruleOptionsOf(
  options: { now?: string; calendar?: RuleOptions['calendar'] } = {},
): RuleOptions {
  const out: RuleOptions = {};
  if (options.now !== undefined) out.now = options.now;
  if (options.calendar !== undefined) out.calendar = options.calendar;
  return out;
}

/** The text of whatever a rule threw. */
export function thrownMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A rule of `field` (in the scope at `pointer`) that could not be evaluated. */
export function ruleError(
  field: CompiledField,
  pointer: string,
  keyword: string,
  message: string,
): FieldError {
  return {
    instancePath: `${pointer}/${field.token}`,
    keyword,
    message: `${field.label}: ${message}`,
    params: { field: field.key },
  };
}

/** A required field left blank. */
export function requiredError(field: CompiledField, pointer: string): FieldError {
  return {
    instancePath: `${pointer}/${field.token}`,
    keyword: 'required',
    message: `${field.label} is required`,
    params: { missingProperty: field.key },
  };
}

/** Blank values count as "not filled in" for required fields. */
export function isBlank(value: JsonValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The answer for a submission refused before any rule ran. */
export function refused(errors: FieldError[]): FormEvaluation {
  return { data: {}, visibility: {}, required: {}, errors };
}

/** The refusal of a submission that is not a JSON object. */
export function notAnObject(): FormEvaluation {
  return refused([
    {
      instancePath: '',
      keyword: 'type',
      message: 'the submission must be a JSON object',
      params: { type: 'object' },
    },
  ]);
}

function fieldAt(record: CompiledScope, instancePath: string): CompiledField | undefined {
  const [top, , rowKey] = instancePath.split('/').slice(1);
  const field = record.byKey.get(top ?? '');
  return rowKey !== undefined ? (field?.rows?.byKey.get(rowKey) ?? field) : field;
}

function fromAjv(record: CompiledScope, error: ErrorObject): FieldError {
  const field = fieldAt(record, error.instancePath);
  const message = error.message ?? `fails "${error.keyword}"`;
  return {
    instancePath: error.instancePath,
    keyword: error.keyword,
    message: field ? `${field.label} ${message}` : message,
    params: JSON.parse(JSON.stringify(error.params ?? {})) as Record<string, JsonValue>,
  };
}

/** Validates the cleaned data with the form's data schema (ajv), once. */
export function validateTypes(
  compiled: CompiledForm,
  data: JsonObject,
  errors: FieldError[],
): void {
  const validate = compiled.validateData;
  if (validate(data)) return;
  for (const error of validate.errors ?? []) errors.push(fromAjv(compiled.record, error));
}

/** Runs the submit checks on the cleaned data; a check that throws counts as failed. */
export function runChecks(
  compiled: CompiledForm,
  data: JsonObject,
  errors: FieldError[],
  options: RuleOptions = {},
): void {
  for (const { check, rule } of compiled.checks) {
    let holds = false;
    try {
      holds = isTruthy(rule(data, options));
    } catch {
      holds = false;
    }
    if (holds) continue;
    errors.push({
      instancePath: check.field !== undefined ? `/${check.field}` : '',
      keyword: 'check',
      message: check.message.en,
      params: { checkId: check.id, messageZh: check.message.zh },
    });
  }
}
