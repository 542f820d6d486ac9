import type { WorkCalendar } from '@liuyun/logic';
import type { FormDefinition, JsonObject, JsonValue } from '../types';

/**
 * One problem with a submission, in ajv's shape so the designer renders every error the
 * same way. `instancePath` points AT the field concerned (`/reason`, `/items/0/quantity`),
 * also for missing required fields (unlike ajv, which points at the parent).
 */
export interface FieldError {
  instancePath: string;
  /** `required`, `check`, `computed`, `additionalProperties`, `forbiddenProperty`, or an ajv keyword. */
  keyword: string;
  /** For people, in English; checks carry the Chinese text in `params.messageZh`. */
  message: string;
  params: Record<string, JsonValue>;
}

export interface EvaluateOptions {
  /** Keep `x-readonly` fields from the input (the host setting them, never a submitter). */
  allowReadonly?: boolean;
  /** The current instant (ISO), for rules that use `now`. */
  now?: string;
  /** The business calendar, for the workday operators (the engine's; the browser gets it passed). */
  calendar?: WorkCalendar;
}

/**
 * What a form makes of a submission. Keys of `visibility` and `required` are field keys
 * for top-level fields and `<subForm>.<row>.<field>` inside sub-form rows.
 */
export interface FormEvaluation {
  /** The cleaned data: computed fields recomputed, hidden, read-only and unknown keys removed. */
  data: JsonObject;
  visibility: Record<string, boolean>;
  required: Record<string, boolean>;
  /** Empty when the submission may be stored. */
  errors: FieldError[];
}

/** A form compiled once, ready to evaluate submissions (browser and server alike). */
export interface PreparedForm {
  readonly form: FormDefinition;
  evaluate(input: unknown, options?: EvaluateOptions): FormEvaluation;
}
