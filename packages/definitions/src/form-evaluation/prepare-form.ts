import type { DefinitionError, FormDefinition } from '../types';
import { validateForm } from '../validation/form.validator';
import { compileForm } from './compiled-form';
import { buildEvaluationPlan } from './evaluation-plan';
import type { PreparedForm } from './form-evaluation.types';
import { evaluateSubmission } from './form-evaluator';
import { evaluateWithPlan } from './planned-evaluator';

/** Thrown by {@link prepareForm} for a form that `validateForm` refuses. */
export class InvalidFormError extends Error {
  readonly code = 'invalid_form';

  constructor(readonly errors: DefinitionError[]) {
    super(
      `the form is not valid: ${errors.map((e) => `${e.code} at ${e.path || '/'}`).join('; ')}`,
    );
    this.name = 'InvalidFormError';
  }
}

const prepared = new WeakMap<FormDefinition, PreparedForm>();

/**
 * Compiles a form once (cached per form object): its data schema, its computed,
 * visibility and requirement rules, its submit checks, and its evaluation plan (generated
 * code per scope, see docs/adr/0006-form-evaluation-plan.md). The returned `evaluate` is the
 * one used by the browser while filling in and by the server on submit.
 *
 * @throws InvalidFormError when the form does not pass `validateForm` (publish refuses it).
 */
export function prepareForm(form: FormDefinition): PreparedForm {
  const cached = prepared.get(form);
  if (cached) return cached;
  const errors = validateForm(form);
  if (errors.length > 0) throw new InvalidFormError(errors);
  const compiled = compileForm(form);
  const plan = buildEvaluationPlan(compiled);
  const result: PreparedForm = {
    form,
    evaluate: plan
      ? (input, options) => evaluateWithPlan(plan, input, options)
      : (input, options) => evaluateSubmission(compiled, input, options),
  };
  prepared.set(form, result);
  return result;
}
