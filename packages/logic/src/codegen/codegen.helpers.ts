/**
 * What generated rule code may touch: these helpers (passed in as an argument, never
 * looked up globally), the rule's constants array and its evaluation state. And the one
 * place where a value taken from a rule becomes source text.
 */
import {
  isTruthy,
  lessOrEqual,
  lessThan,
  looseEquals,
  parseFloatValue,
  toNumber,
  toStringValue,
} from '../coercion';
import { readOwn } from '../data-access';
import { RuleLimitError } from '../errors';
import { averageOf, countOf, sumOf } from '../operators/crm-aggregate.ops';
import { roundHalfAwayFromZero } from '../operators/crm-number.ops';

/** The helpers generated code calls, bound to locals once per compiled rule. */
export const CODEGEN_HELPERS = Object.freeze({
  isTruthy,
  lessOrEqual,
  lessThan,
  looseEquals,
  parseFloatValue,
  toNumber,
  toStringValue,
  readOwn,
  hasOwn: Object.hasOwn,
  getPrototypeOf: Object.getPrototypeOf,
  objectPrototype: Object.prototype as Readonly<Record<string, unknown>>,
  isArray: Array.isArray,
  isFinite: Number.isFinite,
  mathMin: Math.min,
  mathMax: Math.max,
  mathCeil: Math.ceil,
  sumOf,
  countOf,
  averageOf,
  round: roundHalfAwayFromZero,
  stepLimit(maxSteps: number, path: string): RuleLimitError {
    return new RuleLimitError(
      'step_budget_exceeded',
      `Evaluation took more than ${maxSteps} steps`,
      path,
    );
  },
});

/** Names of {@link CODEGEN_HELPERS}, declared as locals at the top of every generated rule. */
export const HELPER_NAMES: readonly string[] = Object.keys(CODEGEN_HELPERS);

/**
 * Source text for a primitive taken from a rule, or `null` when it must travel through
 * the constants array instead. Strings are JSON-serialised (quotes, backslashes and
 * control characters escaped; U+2028/U+2029 are legal in ES2019 string literals), finite
 * numbers are printed by `Number.prototype.toString` (digits, `.`, `e`, `+`, `-` only)
 * in parentheses; `-0`, NaN and the infinities go through constants. Nothing else from
 * a rule is ever written into code.
 */
export function literalSource(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? `(${String(value)})` : null;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    default:
      return value === null ? 'null' : null;
  }
}
