import type { JsonObject } from '../types';
import type { EvaluationPlan } from './evaluation-plan';
import type { EvaluateOptions, FieldError, FormEvaluation } from './form-evaluation.types';
import { evaluateSubmission } from './form-evaluator';
import { isPlainObject, REFUSING_KEYWORDS, SubmissionCleaner } from './submission-cleaner';
import { notAnObject, refused, ruleOptionsOf, runChecks, validateTypes } from './submission-errors';

const isRefusing = (error: FieldError): boolean => REFUSING_KEYWORDS.has(error.keyword);

/**
 * Evaluates one submission with a form's plan; the same steps and results as
 * `evaluateSubmission` (form-evaluator.ts): clean, compute (rows first, then the record),
 * visibility and requirements (record, then the shown sub-forms' rows), drop hidden
 * fields, ajv once on the cleaned data, submit checks. Never throws.
 */
export function evaluateWithPlan(
  plan: EvaluationPlan,
  input: unknown,
  options?: EvaluateOptions,
): FormEvaluation {
  if (!isPlainObject(input)) return notAnObject();
  const errors: FieldError[] = [];
  const cleaner = new SubmissionCleaner(
    options?.allowReadonly === true,
    errors,
    ruleOptionsOf(options),
  );
  const data = plan.record.clean(input, cleaner, '', 0);
  if (errors.length > 0 && errors.some(isRefusing)) return refused(errors.filter(isRefusing));
  // Sparse rows (in-process callers only) are left to the closures, which skip the holes.
  if (cleaner.sawHoles) return evaluateSubmission(plan.compiled, input, options);
  const { subForms } = plan;
  // Rows are computed first; each row's rule data (the row plus `$record`) serves both passes.
  const ruleRows: (JsonObject[] | undefined)[] = new Array<JsonObject[] | undefined>(
    subForms.length,
  );
  for (let s = 0; s < subForms.length; s++) {
    const sub = subForms[s]!;
    const rows = data[sub.key];
    if (!Array.isArray(rows)) continue;
    const ruleData: JsonObject[] = new Array<JsonObject>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      // The cleaner made every row a plain object.
      const row = rows[i] as JsonObject;
      const rowRuleData = sub.hasRules ? sub.code.ruleData(row, data) : row;
      ruleData[i] = rowRuleData;
      if (sub.hasComputed) sub.code.compute(row, rowRuleData, cleaner, sub.pointer + i);
    }
    ruleRows[s] = ruleData;
  }
  plan.record.compute(data, data, cleaner, '');
  const visibility: boolean[] = [];
  const required: boolean[] = [];
  plan.record.present(data, data, cleaner, '', visibility, required);
  const shown: number[] = [];
  for (let s = 0; s < subForms.length; s++) {
    const sub = subForms[s]!;
    const rows = data[sub.key];
    const ruleData = ruleRows[s];
    shown.push(0);
    if (!visibility[sub.fieldIndex] || !Array.isArray(rows) || ruleData === undefined) continue;
    const out = new Array<JsonObject>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as JsonObject;
      const offset = visibility.length;
      sub.code.present(row, ruleData[i]!, cleaner, sub.pointer + i, visibility, required);
      out[i] = sub.code.copy(row, visibility, offset);
    }
    data[sub.key] = out;
    shown[s] = rows.length;
  }
  const result = plan.record.copy(data, visibility, 0);
  validateTypes(plan.compiled, result, errors);
  runChecks(plan.compiled, result, errors, cleaner.o);
  return {
    data: result,
    visibility: plan.records.build(shown, visibility),
    required: plan.records.build(shown, required),
    errors,
  };
}
