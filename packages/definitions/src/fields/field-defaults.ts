import type { FormDefinition, JsonObject } from '../types';

/**
 * The `default` of each top-level field that stores a value (computed fields excluded):
 * what a new record holds for a field nobody filled in, on the server as in the browser.
 */
export function fieldDefaults(form: FormDefinition): JsonObject {
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(form.schema.properties)) {
    if (field.default === undefined || field['x-computed'] !== undefined) continue;
    out[key] = field.default;
  }
  return out;
}

/** The defaults of the fields `data` lacks (absent or null). */
export function missingDefaults(form: FormDefinition, data: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fieldDefaults(form)))
    if (data[key] === undefined || data[key] === null) out[key] = value;
  return out;
}
