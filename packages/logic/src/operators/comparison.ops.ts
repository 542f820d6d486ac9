/** Equality and ordering: `==`, `===`, `!=`, `!==`, `<`, `<=`, `>`, `>=` (with the 3-argument "between" forms of `<` and `<=`). */
import { lessOrEqual, lessThan, looseEquals } from '../coercion';
import { argAt, type Evaluator, type OperatorSpec } from '../compiler.types';

type Binary = (a: unknown, b: unknown) => boolean;

/** A two-operand comparison; extra operands are ignored, as in json-logic-js. */
function binary(compare: Binary): OperatorSpec['compile'] {
  return (args) => {
    const left = argAt(args, 0);
    const right = argAt(args, 1);
    return (data) => compare(left(data), right(data));
  };
}

/** `<` / `<=`: two operands compare, three test `a op b op c` (all three are evaluated). */
function ordering(compare: Binary): OperatorSpec['compile'] {
  return (args) => {
    const left = argAt(args, 0);
    const middle = argAt(args, 1);
    if (args.length < 3) return (data) => compare(left(data), middle(data));
    const right = args[2] as Evaluator;
    return (data) => {
      const a = left(data);
      const b = middle(data);
      const c = right(data);
      return compare(a, b) && compare(b, c);
    };
  };
}

/** Comparison operators. */
export const comparisonOperators: readonly OperatorSpec[] = [
  { name: '==', compile: binary(looseEquals) },
  { name: '!=', compile: binary((a, b) => !looseEquals(a, b)) },
  { name: '===', compile: binary((a, b) => a === b) },
  { name: '!==', compile: binary((a, b) => a !== b) },
  { name: '<', compile: ordering(lessThan) },
  { name: '<=', compile: ordering(lessOrEqual) },
  { name: '>', compile: binary((a, b) => lessThan(b, a)) },
  { name: '>=', compile: binary((a, b) => lessOrEqual(b, a)) },
];
