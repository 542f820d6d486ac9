/** The operator allow-list: every operator a rule may use, and nothing else. */
import type { OperatorSpec } from '../compiler.types';
import { RuleCompileError } from '../errors';
import { arithmeticOperators } from './arithmetic.ops';
import { arrayOperators } from './array.ops';
import { comparisonOperators } from './comparison.ops';
import { crmAggregateOperators } from './crm-aggregate.ops';
import { crmDateOperators } from './crm-date.ops';
import { crmNumberOperators } from './crm-number.ops';
import { crmStringOperators } from './crm-string.ops';
import { crmWorkdayOperators } from './crm-workday.ops';
import { dataOperators } from './data.ops';
import { logicOperators } from './logic.ops';
import { stringOperators } from './string.ops';

const families: readonly (readonly OperatorSpec[])[] = [
  dataOperators,
  logicOperators,
  comparisonOperators,
  arithmeticOperators,
  stringOperators,
  arrayOperators,
  crmAggregateOperators,
  crmNumberOperators,
  crmStringOperators,
  crmDateOperators,
  crmWorkdayOperators,
];

/** A Map, not an object: a rule's `__proto__` or `constructor` key can never match. */
const registry: ReadonlyMap<string, OperatorSpec> = new Map(
  families.flat().map((spec) => [spec.name, spec]),
);

/** The operator named `op`, if allowed. */
export function findOperator(op: string): OperatorSpec | undefined {
  return registry.get(op);
}

/** Every allowed operator name, in family order. */
export const OPERATORS: readonly string[] = Object.freeze([...registry.keys()]);

/** Operators json-logic-js has that are refused here on purpose, with the reason. */
const REFUSED_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['log', '"log" writes to the console and is not allowed in rules'],
  ['method', '"method" calls functions on data and is not allowed in rules'],
]);

/** The `unknown_operator` error for `op`, explaining refusals of json-logic-js extras. */
export function unknownOperatorError(op: string, path: string): RuleCompileError {
  const refusal = REFUSED_OPERATORS.get(op);
  if (refusal !== undefined) return new RuleCompileError('unknown_operator', refusal, path);
  const detail = op.includes('.') ? ' (method calls on data are not allowed)' : '';
  return new RuleCompileError('unknown_operator', `Unknown operator "${op}"${detail}`, path);
}
