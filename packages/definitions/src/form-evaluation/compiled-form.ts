import { compileRule, type WorkCalendar } from '@liuyun/logic';
import type { FieldSchema, FormDefinition, JsonLogicRule, JsonValue, SubmitCheck } from '../types';
import type { ValidateFunction } from '../validation/ajv.instance';
import { escapePointerToken } from '../validation/json-pointer';
import { orderComputedFields } from './computed-order';
import { compileDataSchemaOrThrow } from './data-schema';
import { isServerSetWidget } from '../fields/widget-catalogue';
import { fieldsOf, ruleOf, subFormRowsOf, type FieldScope } from './form-scopes';
import { effectiveVisibleRule, layoutPlaces } from './layout-places';

/** What rules read besides the data: the clock and the business calendar. */
export interface RuleOptions {
  now?: string;
  calendar?: WorkCalendar;
}

/** A compiled rule: data in, value out. May throw when a rule exceeds its limits. */
export type CompiledRule = (data: JsonValue, options?: RuleOptions) => JsonValue;

export interface CompiledField {
  key: string;
  /** The key as a JSON Pointer token. */
  token: string;
  schema: FieldSchema;
  label: string;
  readonly: boolean;
  staticRequired: boolean;
  computed?: CompiledRule;
  visible?: CompiledRule;
  requiredWhen?: CompiledRule;
  /** The row fields, for a sub-form. */
  rows?: CompiledScope;
}

export interface CompiledScope {
  /** In layout order. */
  fields: CompiledField[];
  byKey: Map<string, CompiledField>;
  /** Computed fields, each after the computed fields it reads. */
  computedOrder: CompiledField[];
  /** The sub-form fields, in layout order. */
  subForms: CompiledField[];
}

export interface CompiledCheck {
  check: SubmitCheck;
  rule: CompiledRule;
}

export interface CompiledForm {
  record: CompiledScope;
  checks: CompiledCheck[];
  validateData: ValidateFunction;
}

function compile(rule: JsonLogicRule): CompiledRule {
  return compileRule(rule);
}

function compileScope(form: FormDefinition, scope: FieldScope, required: string[]): CompiledScope {
  // Record fields inherit the visibility of the tab and section they sit in.
  const places = scope.kind === 'record' ? layoutPlaces(form) : undefined;
  const fields = fieldsOf(form, scope).map(({ key, schema }): CompiledField => {
    const field: CompiledField = {
      key,
      token: escapePointerToken(key),
      schema,
      label: schema['x-label'].en || key,
      // Display-only fields and serial numbers are never taken from a submission.
      readonly: schema['x-readonly'] === true || isServerSetWidget(schema),
      staticRequired: required.includes(key),
    };
    const computed = ruleOf(schema, 'x-computed');
    const visible = places ? effectiveVisibleRule(form, key, places) : ruleOf(schema, 'x-visible');
    const requiredWhen = ruleOf(schema, 'x-required-when');
    if (computed !== undefined) field.computed = compile(computed);
    if (visible !== undefined) field.visible = compile(visible);
    if (requiredWhen !== undefined) field.requiredWhen = compile(requiredWhen);
    const rows = subFormRowsOf(schema);
    if (rows) {
      field.rows = compileScope(form, { kind: 'row', subForm: key }, rows.required ?? []);
    }
    return field;
  });
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const computedOrder = orderComputedFields(
    fields.flatMap((f) => {
      const rule = ruleOf(f.schema, 'x-computed');
      return rule === undefined ? [] : [{ key: f.key, rule }];
    }),
  ).order.flatMap(({ key }) => byKey.get(key) ?? []);
  return { fields, byKey, computedOrder, subForms: fields.filter((f) => f.rows !== undefined) };
}

/** Compiles every rule and the data schema of a form that passed `validateForm`. */
export function compileForm(form: FormDefinition): CompiledForm {
  return {
    record: compileScope(form, { kind: 'record' }, form.schema.required ?? []),
    checks: (form.checks ?? []).map((check) => ({ check, rule: compile(check.rule) })),
    validateData: compileDataSchemaOrThrow(form),
  };
}
