import type { JsonLogicRule, JsonValue } from '@liuyun/definitions';

/** Comparisons the visual rule builder offers; each maps to one JSON Logic shape. */
export const RULE_OPERATORS = [
  '==',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'contains',
  'empty',
  'not_empty',
] as const;

export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** Operators that take no value. */
export const UNARY_OPERATORS: readonly RuleOperator[] = ['empty', 'not_empty'];

export interface RuleCondition {
  field: string;
  op: RuleOperator;
  /** A scalar, or a list of scalars for `in`. */
  value?: JsonValue;
}

/** All conditions (`and`) or any of them (`or`). */
export interface RuleGroup {
  combinator: 'and' | 'or';
  conditions: RuleCondition[];
}

const BINARY: readonly RuleOperator[] = ['==', '!=', '>', '>=', '<', '<='];

function varOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'var') return null;
  const v = (value as { var: unknown }).var;
  return typeof v === 'string' && v !== '' ? v : null;
}

const isScalar = (v: unknown): v is string | number | boolean | null =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** One condition as JSON Logic. */
export function conditionToLogic(c: RuleCondition): JsonLogicRule {
  const field = { var: c.field };
  switch (c.op) {
    case 'empty':
      return { '!': field };
    case 'not_empty':
      return { '!!': field };
    case 'in':
      return { in: [field, Array.isArray(c.value) ? c.value : []] };
    case 'contains':
      return { in: [c.value ?? '', field] };
    default:
      return { [c.op]: [field, c.value ?? null] };
  }
}

/** The group as JSON Logic; a single condition stands alone, no conditions is `true`. */
export function groupToLogic(group: RuleGroup): JsonLogicRule {
  const parts = group.conditions.map(conditionToLogic);
  if (parts.length === 0) return true;
  if (parts.length === 1) return parts[0] ?? true;
  return { [group.combinator]: parts };
}

function logicToCondition(rule: JsonLogicRule): RuleCondition | null {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return null;
  const op = keys[0] as string;
  const args = (rule as Record<string, JsonValue>)[op];
  if (op === '!' || op === '!!') {
    const inner = Array.isArray(args) && args.length === 1 ? args[0] : args;
    const field = varOf(inner);
    return field ? { field, op: op === '!' ? 'empty' : 'not_empty' } : null;
  }
  if (!Array.isArray(args) || args.length !== 2) return null;
  const [left, right] = args;
  if (op === 'in') {
    const field = varOf(left);
    if (field && Array.isArray(right) && right.every(isScalar))
      return { field, op: 'in', value: right };
    const inField = varOf(right);
    if (inField && isScalar(left)) return { field: inField, op: 'contains', value: left };
    return null;
  }
  if (!(BINARY as readonly string[]).includes(op)) return null;
  const field = varOf(left);
  if (!field || !isScalar(right)) return null;
  return { field, op: op as RuleOperator, value: right };
}

/**
 * The visual form of a rule, or `null` when the rule says more than the builder can show
 * (nested groups, arithmetic, other operators): then it is edited as raw JSON Logic.
 */
export function logicToGroup(rule: JsonLogicRule | undefined): RuleGroup | null {
  if (rule === undefined || rule === true) return { combinator: 'and', conditions: [] };
  if (typeof rule === 'object' && rule !== null && !Array.isArray(rule)) {
    const keys = Object.keys(rule);
    if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
      const combinator = keys[0];
      const parts = (rule as Record<string, JsonValue>)[combinator];
      if (!Array.isArray(parts)) return null;
      const conditions = parts.map(logicToCondition);
      if (conditions.some((c) => c === null)) return null;
      return { combinator, conditions: conditions as RuleCondition[] };
    }
  }
  const single = logicToCondition(rule);
  return single ? { combinator: 'and', conditions: [single] } : null;
}
