import { compileDataSchemaOrThrow } from '../form-evaluation/data-schema';
import { orderComputedFields } from '../form-evaluation/computed-order';
import {
  FIELD_RULE_KEYWORDS,
  fieldsOf,
  knownFieldsOf,
  ruleOf,
  subFormKeys,
  subFormRowsOf,
  type FieldScope,
} from '../form-evaluation/form-scopes';
import { dependencyCycleErrors } from '../fields/field-dependencies';
import {
  crossFormErrors,
  localReferenceErrors,
  type FormContext,
} from '../fields/field-references.check';
import { ruleTypeErrors } from '../fields/rule-types.check';
import { widgetShapeErrors } from '../fields/widget-shape.check';
import type { DefinitionError, FieldSchema, FormDefinition, ValueSchema } from '../types';
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

function fieldShapeErrors(
  key: string,
  field: FieldSchema,
  path: string,
  inRow: boolean,
): DefinitionError[] {
  const errors: DefinitionError[] = widgetShapeErrors(key, field, path, inRow);
  const fail = (message: string, at = path) =>
    errors.push({
      code: 'schema_invalid',
      path: at,
      field: key,
      message: `field "${key}": ${message}`,
    });
  const isSubForm = field['x-widget'] === 'subform';
  if (isSubForm && (field.type !== 'array' || subFormRowsOf(field) === undefined)) {
    fail('a sub-form has type "array" and row `items` with `properties`');
  }
  const labels = field['x-enum-labels'];
  const options =
    field.enum ?? (field.items && !isSubForm ? (field.items as ValueSchema).enum : undefined);
  if (labels && labels.length !== (options?.length ?? 0)) {
    fail('`x-enum-labels` must label every option value, in order', `${path}/x-enum-labels`);
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
  const required = subFormRowsOf(field)?.required ?? [];
  required.forEach((rowKey, index) => {
    const rows = subFormRowsOf(field);
    if (!rows || !Object.prototype.hasOwnProperty.call(rows.properties, rowKey)) {
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
  const scopeFields = new Map(fields.map(({ key, schema }) => [key, schema]));
  const fieldOf = (name: string): FieldSchema | undefined => {
    const [head = '', second] = name.split('.');
    if (head === '$record' && second !== undefined && name.split('.').length === 2)
      return form.schema.properties[second];
    return name.includes('.') ? undefined : scopeFields.get(head);
  };
  for (const { key, schema } of fields) {
    const fieldPath = `${basePath}/${key}`;
    errors.push(...fieldShapeErrors(key, schema, fieldPath, scope.kind === 'row'));
    for (const keyword of FIELD_RULE_KEYWORDS) {
      const rule = ruleOf(schema, keyword);
      if (rule === undefined) continue;
      const location = { path: `${fieldPath}/${keyword}`, field: key };
      // Defaults are evaluated when a record is opened, with the user at hand.
      errors.push(
        ...checkRuleAt(rule, keyword === 'x-default' ? [...known, '$user'] : known, location),
      );
      errors.push(...ruleTypeErrors(rule, fieldOf, location));
      if (scope.kind === 'row') errors.push(...checkRecordReferences(rule, recordFields, location));
    }
  }
  const computed = fields.flatMap(({ key, schema }) => {
    const rule = ruleOf(schema, 'x-computed');
    return rule === undefined ? [] : [{ key, rule }];
  });
  // Record-level cycles are found by the dependency graph (all rule kinds together).
  const cyclic = scope.kind === 'row' ? orderComputedFields(computed).cyclic : [];
  for (const key of cyclic) {
    errors.push({
      code: 'dependency_cycle',
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
    errors.push(
      ...ruleTypeErrors(check.rule, (name) => form.schema.properties[name], {
        path: `${path}/rule`,
      }),
    );
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
 * paths), then the layout, the fields' shapes against their widgets, every rule
 * (`unknown_field`, `invalid_rule`, `type_mismatch`; inside sub-form rows the row's
 * fields and `$record.<field>` are known), the dependency graph between fields
 * (`dependency_cycle`), references between fields and, with `context.forms`, to the other
 * forms of the app (`unknown_form`, `unknown_field`), and the submit checks. Never
 * throws; an empty list means the form can be published.
 */
export function validateForm(form: unknown, context: FormContext = {}): DefinitionError[] {
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
      ...localReferenceErrors(valid),
      ...dependencyCycleErrors(valid),
      ...(context.forms ? crossFormErrors(valid, context.forms) : []),
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
