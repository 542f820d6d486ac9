import type { FieldSchema, FormDefinition, JsonLogicRule, SubFormSchema } from '../types';

/** The rows of a sub-form field; undefined for any other field (list values have `items` too). */
export function subFormRowsOf(field: FieldSchema | undefined): SubFormSchema | undefined {
  if (field?.['x-widget'] !== 'subform' || field.items === undefined) return undefined;
  return 'properties' in field.items && field.items.properties !== undefined
    ? (field.items as SubFormSchema)
    : undefined;
}

/** Where a rule runs: on the record, or inside the rows of one sub-form field. */
export type FieldScope = { kind: 'record' } | { kind: 'row'; subForm: string };

/** The field names a rule may read in a scope (`$record.<field>` inside rows). */
export function knownFieldsOf(form: FormDefinition, scope: FieldScope): string[] {
  const topLevel = Object.keys(form.schema.properties);
  if (scope.kind === 'record') return topLevel;
  const rowFields = Object.keys(
    subFormRowsOf(form.schema.properties[scope.subForm])?.properties ?? {},
  );
  return [...rowFields, '$record', ...topLevel.map((key) => `$record.${key}`)];
}

/** The rule-bearing keywords of a field. */
export const FIELD_RULE_KEYWORDS = [
  'x-computed',
  'x-visible',
  'x-required-when',
  'x-default',
] as const;
export type FieldRuleKeyword = (typeof FIELD_RULE_KEYWORDS)[number];

/** A field with its key and the rules it carries. */
export interface ScopedField {
  key: string;
  schema: FieldSchema;
}

/** The fields of a scope, in layout order where the layout names them. */
export function fieldsOf(form: FormDefinition, scope: FieldScope): ScopedField[] {
  if (scope.kind === 'row') {
    const rows = subFormRowsOf(form.schema.properties[scope.subForm])?.properties ?? {};
    return Object.entries(rows).map(([key, schema]) => ({ key, schema }));
  }
  const props = form.schema.properties;
  const ordered = form.layout.filter((key) => Object.prototype.hasOwnProperty.call(props, key));
  const rest = Object.keys(props).filter((key) => !ordered.includes(key));
  return [...new Set([...ordered, ...rest])].flatMap((key) => {
    const schema = props[key];
    return schema ? [{ key, schema }] : [];
  });
}

/** The sub-form fields of a form (fields with row `items`). */
export function subFormKeys(form: FormDefinition): string[] {
  return Object.entries(form.schema.properties)
    .filter(([, schema]) => subFormRowsOf(schema) !== undefined)
    .map(([key]) => key);
}

/** The rule of a field under a keyword, when present. */
export function ruleOf(field: FieldSchema, keyword: FieldRuleKeyword): JsonLogicRule | undefined {
  return Object.prototype.hasOwnProperty.call(field, keyword) ? field[keyword] : undefined;
}
