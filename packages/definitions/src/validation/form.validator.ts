import { compileDataSchemaOrThrow } from '../form-evaluation/data-schema';
import { orderComputedFields } from '../form-evaluation/computed-order';
import {
  FIELD_RULE_KEYWORDS,
  fieldsOf,
  knownFieldsOf,
  ruleOf,
  subFormKeys,
  type FieldScope,
} from '../form-evaluation/form-scopes';
import type { DefinitionError, FieldSchema, FormDefinition } from '../types';
import { validateDocumentSchema } from './document.validators';
import { pointer } from './json-pointer';
import { checkRecordReferences, checkRuleAt } from './rule-check';

function layoutErrors(form: FormDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const fields = Object.keys(form.schema.properties);
  const seen = new Set<string>();
  form.layout.forEach((key, index) => {
    const path = pointer('layout', index);
    if (seen.has(key)) {
      errors.push({
        code: 'layout_mismatch',
        path,
        field: key,
        message: `"${key}" appears twice in the layout`,
      });
    } else if (!fields.includes(key)) {
      errors.push({
        code: 'layout_mismatch',
        path,
        field: key,
        message: `the layout names "${key}", which is not a field`,
      });
    }
    seen.add(key);
  });
  for (const key of fields) {
    if (!seen.has(key)) {
      errors.push({
        code: 'layout_mismatch',
        path: '/layout',
        field: key,
        message: `field "${key}" is missing from the layout`,
      });
    }
  }
  return errors;
}

function fieldShapeErrors(key: string, field: FieldSchema, path: string): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const fail = (message: string, at = path) =>
    errors.push({
      code: 'schema_invalid',
      path: at,
      field: key,
      message: `field "${key}": ${message}`,
    });
  const isSubForm = field['x-widget'] === 'subform';
  if (isSubForm !== (field.type === 'array') || isSubForm !== (field.items !== undefined)) {
    fail(
      'a sub-form has widget "subform", type "array" and row `items`; other fields have none of them',
    );
  }
  if (
    (field['x-unique'] || field['x-dedupe']) &&
    field.type !== 'string' &&
    field.type !== 'number' &&
    field.type !== 'integer'
  ) {
    fail('only text and number fields can be unique or duplicate-checked');
  }
  const labels = field['x-enum-labels'];
  if (labels && labels.length !== (field.enum?.length ?? 0)) {
    fail('`x-enum-labels` must label every `enum` value, in order', `${path}/x-enum-labels`);
  }
  if ((field['x-widget'] === 'select' || field['x-widget'] === 'radio') && !field.enum) {
    fail('a select or radio field needs `enum` values', `${path}/enum`);
  }
  const ranges: [number | undefined, number | undefined, string][] = [
    [field.minimum, field.maximum, 'minimum'],
    [field.minLength, field.maxLength, 'minLength'],
    [field.minItems, field.maxItems, 'minItems'],
  ];
  for (const [min, max, name] of ranges) {
    if (min !== undefined && max !== undefined && min > max)
      fail(`${name} is above its maximum`, `${path}/${name}`);
  }
  const required = field.items?.required ?? [];
  required.forEach((rowKey, index) => {
    if (!field.items || !Object.prototype.hasOwnProperty.call(field.items.properties, rowKey)) {
      errors.push({
        code: 'unknown_field',
        path: `${path}/items/required/${index}`,
        field: rowKey,
        message: `required row field "${rowKey}" is not a field of sub-form "${key}"`,
      });
    }
  });
  return errors;
}

function scopeRuleErrors(
  form: FormDefinition,
  scope: FieldScope,
  basePath: string,
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const known = knownFieldsOf(form, scope);
  const recordFields = Object.keys(form.schema.properties);
  const fields = fieldsOf(form, scope);
  for (const { key, schema } of fields) {
    const fieldPath = `${basePath}/${key}`;
    errors.push(...fieldShapeErrors(key, schema, fieldPath));
    for (const keyword of FIELD_RULE_KEYWORDS) {
      const rule = ruleOf(schema, keyword);
      if (rule === undefined) continue;
      const location = { path: `${fieldPath}/${keyword}`, field: key };
      errors.push(...checkRuleAt(rule, known, location));
      if (scope.kind === 'row') errors.push(...checkRecordReferences(rule, recordFields, location));
    }
  }
  const computed = fields.flatMap(({ key, schema }) => {
    const rule = ruleOf(schema, 'x-computed');
    return rule === undefined ? [] : [{ key, rule }];
  });
  for (const key of orderComputedFields(computed).cyclic) {
    errors.push({
      code: 'invalid_rule',
      path: `${basePath}/${key}/x-computed`,
      field: key,
      message: `computed field "${key}" depends on itself through other computed fields`,
    });
  }
  return errors;
}

function checkErrors(form: FormDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const known = knownFieldsOf(form, { kind: 'record' });
  const ids = new Set<string>();
  (form.checks ?? []).forEach((check, index) => {
    const path = pointer('checks', index);
    if (ids.has(check.id)) {
      errors.push({
        code: 'duplicate_id',
        path: `${path}/id`,
        message: `two checks have the id "${check.id}"`,
      });
    }
    ids.add(check.id);
    if (check.field !== undefined && !known.includes(check.field)) {
      errors.push({
        code: 'unknown_field',
        path: `${path}/field`,
        field: check.field,
        message: `check "${check.id}" points at "${check.field}", which is not a field`,
      });
    }
    errors.push(...checkRuleAt(check.rule, known, { path: `${path}/rule` }));
  });
  return errors;
}

function requiredErrors(form: FormDefinition): DefinitionError[] {
  return (form.schema.required ?? []).flatMap((key, index) =>
    Object.prototype.hasOwnProperty.call(form.schema.properties, key)
      ? []
      : [
          {
            code: 'unknown_field' as const,
            path: pointer('schema', 'required', index),
            field: key,
            message: `required field "${key}" is not a field of the form`,
          },
        ],
  );
}

function dataSchemaErrors(form: FormDefinition): DefinitionError[] {
  try {
    compileDataSchemaOrThrow(form);
    return [];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [
      {
        code: 'schema_invalid',
        path: '/schema',
        message: `the form schema does not compile: ${detail}`,
      },
    ];
  }
}

/**
 * Validates a form definition: its JSON Schema first (`schema_invalid`, with JSON-pointer
 * paths), then the layout, the fields' shapes, every rule (`unknown_field`,
 * `invalid_rule`; inside sub-form rows the row's fields and `$record.<field>` are known)
 * and the submit checks. Never throws; an empty list means the form can be published.
 */
export function validateForm(form: unknown): DefinitionError[] {
  try {
    const schemaErrors = validateDocumentSchema('form', form);
    if (schemaErrors.length > 0) return schemaErrors;
    const valid = form as FormDefinition;
    const found = [
      ...layoutErrors(valid),
      ...requiredErrors(valid),
      ...scopeRuleErrors(valid, { kind: 'record' }, '/schema/properties'),
      ...subFormKeys(valid).flatMap((subForm) =>
        scopeRuleErrors(
          valid,
          { kind: 'row', subForm },
          pointer('schema', 'properties', subForm, 'items', 'properties'),
        ),
      ),
      ...checkErrors(valid),
    ];
    const errors = dedupe(found);
    if (!errors.some((e) => e.code === 'schema_invalid')) errors.push(...dataSchemaErrors(valid));
    return errors;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [
      { code: 'schema_invalid', path: '', message: `the form could not be validated: ${detail}` },
    ];
  }
}

function dedupe(errors: DefinitionError[]): DefinitionError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.code}|${e.path}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
