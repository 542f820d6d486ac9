import type { FieldSchema, FormDefinition } from '../types';
import { subFormRowsOf } from './form-scopes';
import { compileTransientSchemaOrThrow, type ValidateFunction } from '../validation/ajv.instance';

function withoutRequired(field: FieldSchema): FieldSchema {
  const rows = subFormRowsOf(field);
  if (!rows) return field;
  // Rows of a computed sub-form come from a rule, not from the cleaner: ajv checks their keys.
  const closed = field['x-computed'] !== undefined ? { additionalProperties: false as const } : {};
  return { ...field, items: { type: 'object', properties: rows.properties, ...closed } };
}

/**
 * The schema cleaned submissions are validated with: the form's schema without
 * `required`, which depends on visibility and is checked by the form evaluation itself
 * (so a hidden field is never required). Unknown keys never reach it: the cleaner copies
 * only the fields of the form (and reports the rest), so `additionalProperties: false`
 * would only cost a loop over every key; it stays on rows a rule computes.
 */
export function buildDataSchema(form: FormDefinition): object {
  const properties: Record<string, FieldSchema> = {};
  for (const [key, field] of Object.entries(form.schema.properties)) {
    properties[key] = withoutRequired(field);
  }
  return { type: 'object', properties };
}

const cache = new WeakMap<FormDefinition, ValidateFunction>();

/** Compiles (once per form object) the data validator; throws if ajv refuses the schema. */
export function compileDataSchemaOrThrow(form: FormDefinition): ValidateFunction {
  let validate = cache.get(form);
  if (!validate) {
    validate = compileTransientSchemaOrThrow(buildDataSchema(form));
    cache.set(form, validate);
  }
  return validate;
}
