/**
 * Publish-time type checks of rules: a field handed straight to an operator must hold
 * the kind of value the operator reads (`type_mismatch`): dates for the date and workday
 * operators, lists for aggregates, numbers for arithmetic, text for the string helpers,
 * and never a field that holds no value (a description, a section).
 */
import { collectFieldUses } from '@liuyun/logic';
import type { DefinitionError, FieldSchema, JsonLogicRule } from '../types';
import type { RuleLocation } from '../validation/rule-check';
import { holdsValue } from './widget-catalogue';

type ValueKind = 'date' | 'list' | 'number' | 'text';

/** Which arguments of which operators expect which kind of value. */
const EXPECTED: Readonly<Record<string, readonly [number[], ValueKind]>> = {
  date_add: [[0], 'date'],
  date_diff: [[0, 1], 'date'],
  duration: [[0, 1], 'date'],
  start_of: [[0], 'date'],
  end_of: [[0], 'date'],
  date_before: [[0, 1], 'date'],
  date_after: [[0, 1], 'date'],
  date_same: [[0, 1], 'date'],
  workdays_add: [[0], 'date'],
  workdays_between: [[0, 1], 'date'],
  is_workday: [[0], 'date'],
  sum: [[0], 'list'],
  count: [[0], 'list'],
  avg: [[0], 'list'],
  min_of: [[0], 'list'],
  max_of: [[0], 'list'],
  '*': [[0, 1, 2, 3, 4, 5, 6, 7], 'number'],
  '/': [[0, 1], 'number'],
  '%': [[0, 1], 'number'],
  '-': [[0, 1], 'number'],
  round: [[0], 'number'],
  trim: [[0], 'text'],
  lower: [[0], 'text'],
  upper: [[0], 'text'],
  starts_with: [[0], 'text'],
  ends_with: [[0], 'text'],
  regex_test: [[0], 'text'],
};

function fits(field: FieldSchema, kind: ValueKind): boolean {
  switch (kind) {
    case 'date':
      return (
        field.type === 'string' &&
        !['member', 'department', 'linked_record'].includes(field['x-widget'])
      );
    case 'list':
      return field.type === 'array';
    case 'number':
      return (
        field.type === 'number' ||
        field.type === 'integer' ||
        field.type === 'string' ||
        field.type === 'boolean'
      );
    case 'text':
      return field.type !== 'array' && field.type !== 'object';
  }
}

const KIND_NAMES: Record<ValueKind, string> = {
  date: 'a date',
  list: 'a sub-form or a list',
  number: 'a number',
  text: 'text',
};

/**
 * `type_mismatch` errors of one rule; `fieldOf` resolves a var path (`amount`,
 * `$record.total`) to the field it reads, or undefined when it reads something else.
 */
export function ruleTypeErrors(
  rule: JsonLogicRule,
  fieldOf: (path: string) => FieldSchema | undefined,
  location: RuleLocation,
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  for (const use of collectFieldUses(rule)) {
    const field = fieldOf(use.field);
    if (field === undefined) continue;
    const where = { ...location, path: `${location.path}${use.path}` };
    if (!holdsValue(field)) {
      errors.push({
        ...where,
        code: 'type_mismatch',
        message: `"${use.field}" is a ${field['x-widget']} and holds no value for "${use.op}"`,
      });
      continue;
    }
    const expected = EXPECTED[use.op];
    if (expected === undefined || !expected[0].includes(use.argIndex)) continue;
    const kind = expected[1];
    if (fits(field, kind)) continue;
    errors.push({
      ...where,
      code: 'type_mismatch',
      message: `"${use.op}" reads ${KIND_NAMES[kind]} but "${use.field}" is a ${field['x-widget']} field (${field.type})`,
    });
  }
  return errors;
}
