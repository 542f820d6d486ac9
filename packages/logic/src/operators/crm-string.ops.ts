/** String helpers: `trim`, `lower`, `upper`, `contains`, `length`. Null reads as "". */
import { toStringValue } from '../coercion';
import { argAt, type Evaluator, type OperatorContext, type OperatorSpec } from '../compiler.types';
import { CHARACTERS_PER_STEP } from './string.ops';

/** The operand as text, with null/absent as "" (unlike `String(null)`). */
function textOf(value: unknown): string {
  return value === null || value === undefined ? '' : toStringValue(value);
}

function unaryText(transform: (text: string) => string): OperatorSpec['compile'] {
  return (args) => {
    const operand = argAt(args, 0);
    return (data) => transform(textOf(operand(data)));
  };
}

/** `contains`: substring of a string, or strict member of an array; false for anything else. */
function compileContains(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const haystackRule = argAt(args, 0);
  const needleRule = argAt(args, 1);
  return (data) => {
    const haystack = haystackRule(data);
    const needle = needleRule(data);
    if (typeof haystack === 'string') {
      ctx.charge(Math.ceil(haystack.length / CHARACTERS_PER_STEP));
      return haystack.includes(textOf(needle));
    }
    if (Array.isArray(haystack)) {
      ctx.charge(haystack.length);
      return haystack.includes(needle);
    }
    return false;
  };
}

/** `length`: characters of a string, items of an array, 0 for anything else. */
function compileLength(args: readonly Evaluator[]): Evaluator {
  const operand = argAt(args, 0);
  return (data) => {
    const value = operand(data);
    return typeof value === 'string' || Array.isArray(value) ? value.length : 0;
  };
}

/** String helper operators. */
export const crmStringOperators: readonly OperatorSpec[] = [
  { name: 'trim', minArgs: 1, maxArgs: 1, compile: unaryText((text) => text.trim()) },
  { name: 'lower', minArgs: 1, maxArgs: 1, compile: unaryText((text) => text.toLowerCase()) },
  { name: 'upper', minArgs: 1, maxArgs: 1, compile: unaryText((text) => text.toUpperCase()) },
  { name: 'contains', minArgs: 2, maxArgs: 2, compile: compileContains },
  { name: 'length', minArgs: 1, maxArgs: 1, compile: compileLength },
];
