import type { FieldSchema, FormDefinition } from '../types';
import { compileTransientSchemaOrThrow, type ValidateFunction } from '../validation/ajv.instance';

function withoutRequired(field: FieldSchema): FieldSchema {
  if (!field.items) return field;
  return {
    ...field,
    items: { type: 'object', properties: field.items.properties, additionalProperties: false },
  };
}

/**
 * The schema submissions are validated with: the form's schema with `additionalProperties:
 * false` at every level and without `required`, which depends on visibility and is
 * checked by the form evaluation itself (so a hidden field is never required).
 */
export function buildDataSchema(form: FormDefinition): object {
  const properties: Record<string, FieldSchema> = {};
  for (const [key, field] of Object.entries(form.schema.properties)) {
    properties[key] = withoutRequired(field);
  }
  return { type: 'object', properties, additionalProperties: false };
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
