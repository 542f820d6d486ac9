/**
 * References a field makes to other fields: to this form's fields (copy targets of a
 * linked record, the fields a data linkage matches on) and, when the app's other forms
 * are known, to those forms and their fields (option lists, linked records, related
 * lists, data linkage).
 */
import type { DefinitionError, FieldSchema, FormDefinition } from '../types';
import { escapePointerToken } from '../validation/json-pointer';
import { holdsValue } from './widget-catalogue';
import { sharedColumns } from './link-copy';

/** What a form is checked against beyond itself. */
export interface FormContext {
  /** The app's forms by key (the form itself may be among them). */
  forms?: Readonly<Record<string, FormDefinition>>;
}

const at = (key: string, ...rest: (string | number)[]) =>
  [
    '/schema/properties',
    escapePointerToken(key),
    ...rest.map((r) => escapePointerToken(String(r))),
  ].join('/');

/** References to this form's own fields. */
export function localReferenceErrors(form: FormDefinition): DefinitionError[] {
  const props = form.schema.properties;
  const errors: DefinitionError[] = [];
  const unknown = (key: string, path: string, name: string, what: string) =>
    errors.push({
      code: 'unknown_field',
      path,
      field: key,
      message: `field "${key}": ${what} "${name}", which is not a field of this form`,
    });
  for (const [key, field] of Object.entries(props)) {
    for (const target of Object.keys(field['x-link']?.copy ?? {})) {
      const into = props[target];
      const path = at(key, 'x-link', 'copy', target);
      if (into === undefined) unknown(key, path, target, 'copies into');
      else if (!holdsValue(into) || into['x-computed'] !== undefined)
        errors.push({
          code: 'schema_invalid',
          path,
          field: key,
          message: `field "${key}": cannot copy into "${target}" (computed, or holding no value)`,
        });
    }
    (field['x-linkage']?.match ?? []).forEach((pair, index) => {
      if (props[pair.equals] === undefined)
        unknown(key, at(key, 'x-linkage', 'match', index, 'equals'), pair.equals, 'matches on');
    });
  }
  return errors;
}

function fieldIn(form: FormDefinition, key: string): FieldSchema | undefined {
  return Object.prototype.hasOwnProperty.call(form.schema.properties, key)
    ? form.schema.properties[key]
    : undefined;
}

/** References to the app's other forms and their fields. */
export function crossFormErrors(
  form: FormDefinition,
  forms: Readonly<Record<string, FormDefinition>>,
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const target = (key: string, formKey: string, path: string): FormDefinition | undefined => {
    const found = Object.prototype.hasOwnProperty.call(forms, formKey) ? forms[formKey] : undefined;
    if (!found)
      errors.push({
        code: 'unknown_form',
        path,
        field: key,
        message: `field "${key}" names the form "${formKey}", which this app does not have`,
      });
    return found;
  };
  const needField = (key: string, other: FormDefinition, name: string, path: string) => {
    const found = fieldIn(other, name);
    if (!found || !holdsValue(found))
      errors.push({
        code: 'unknown_field',
        path,
        field: key,
        message: `field "${key}": "${name}" is not a field of the form "${other.key}"`,
      });
    return found;
  };
  for (const [key, field] of Object.entries(form.schema.properties)) {
    const options = field['x-options-from'];
    if (options) {
      const other = target(key, options.form, at(key, 'x-options-from', 'form'));
      if (other) needField(key, other, options.field, at(key, 'x-options-from', 'field'));
    }
    const link = field['x-link'];
    if (link) {
      const other = target(key, link.form, at(key, 'x-link', 'form'));
      if (other) {
        needField(key, other, link.display, at(key, 'x-link', 'display'));
        for (const [into, from] of Object.entries(link.copy ?? {})) {
          const source = needField(key, other, from, at(key, 'x-link', 'copy', into));
          const sink = fieldIn(form, into);
          // A sub-form takes rows from a sub-form with columns in common (copied by name).
          if (source && sink?.['x-widget'] === 'subform') {
            if (source['x-widget'] !== 'subform' || sharedColumns(sink, source).length === 0)
              errors.push({
                code: 'schema_invalid',
                path: at(key, 'x-link', 'copy', into),
                field: key,
                message: `field "${key}": the sub-form "${into}" can only copy the rows of a sub-form with columns of the same names, and "${from}" of "${other.key}" is not one`,
              });
          }
        }
      }
    }
    const related = field['x-related'];
    if (related) {
      const other = target(key, related.form, at(key, 'x-related', 'form'));
      if (other) {
        const pointer = needField(key, other, related.field, at(key, 'x-related', 'field'));
        if (
          pointer &&
          (pointer['x-widget'] !== 'linked_record' || pointer['x-link']?.form !== form.key)
        )
          errors.push({
            code: 'schema_invalid',
            path: at(key, 'x-related', 'field'),
            field: key,
            message: `field "${key}": "${related.field}" of "${other.key}" is not a linked record of this form`,
          });
        related.columns.forEach((column, index) =>
          needField(key, other, column, at(key, 'x-related', 'columns', index)),
        );
      }
    }
    const linkage = field['x-linkage'];
    if (linkage) {
      const other = target(key, linkage.form, at(key, 'x-linkage', 'form'));
      if (other) {
        linkage.match.forEach((pair, index) =>
          needField(key, other, pair.field, at(key, 'x-linkage', 'match', index, 'field')),
        );
        needField(key, other, linkage.value, at(key, 'x-linkage', 'value'));
      }
    }
  }
  return errors;
}
