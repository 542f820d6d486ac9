/** Arithmetic: `+`, `-`, `*`, `/`, `%`, `min`, `max`, with json-logic-js coercions. */
import { parseFloatValue, toNumber } from '../coercion';
import { argAt, type Evaluator, type OperatorSpec } from '../compiler.types';

/** `+`: json-logic-js reduces `parseFloat(a) + parseFloat(b)` from 0, so `{"+":"3"}` casts to 3. */
function compilePlus(args: readonly Evaluator[]): Evaluator {
  const [first, second] = args;
  if (first === undefined) return () => 0;
  if (second === undefined) return (data) => 0 + parseFloatValue(first(data));
  if (args.length === 2) {
    return (data) => 0 + parseFloatValue(first(data)) + parseFloatValue(second(data));
  }
  return (data) => {
    let total = 0;
    for (let i = 0; i < args.length; i++) total += parseFloatValue((args[i] as Evaluator)(data));
    return total;
  };
}

/** `*`: json-logic-js reduces without a seed, so a single operand comes back untouched. */
function compileTimes(args: readonly Evaluator[]): Evaluator {
  const [first, second] = args;
  if (first === undefined || second === undefined) return first ?? (() => undefined);
  if (args.length === 2) {
    return (data) => parseFloatValue(first(data)) * parseFloatValue(second(data));
  }
  return (data) => {
    let product: unknown = first(data);
    for (let i = 1; i < args.length; i++) {
      product = parseFloatValue(product) * parseFloatValue((args[i] as Evaluator)(data));
    }
    return product;
  };
}

/** `-`: binary subtraction, or negation when the second operand is absent. */
function compileMinus(args: readonly Evaluator[]): Evaluator {
  const left = argAt(args, 0);
  if (args.length < 2) return (data) => -toNumber(left(data));
  const right = args[1] as Evaluator;
  return (data) => {
    const a = left(data);
    const b = right(data);
    return b === undefined ? -toNumber(a) : toNumber(a) - toNumber(b);
  };
}

function binaryNumeric(operation: (a: number, b: number) => number): OperatorSpec['compile'] {
  return (args) => {
    const left = argAt(args, 0);
    const right = argAt(args, 1);
    return (data) => operation(toNumber(left(data)), toNumber(right(data)));
  };
}

/** `min` / `max`: `Math.min` / `Math.max` over every operand (none → ±Infinity). */
function extreme(pick: (a: number, b: number) => number, seed: number): OperatorSpec['compile'] {
  return (args) => (data) => {
    let result = seed;
    for (let i = 0; i < args.length; i++)
      result = pick(result, toNumber((args[i] as Evaluator)(data)));
    return result;
  };
}

/** Arithmetic operators. */
export const arithmeticOperators: readonly OperatorSpec[] = [
  { name: '+', compile: compilePlus },
  { name: '*', minArgs: 1, compile: compileTimes },
  { name: '-', compile: compileMinus },
  { name: '/', compile: binaryNumeric((a, b) => a / b) },
  { name: '%', compile: binaryNumeric((a, b) => a % b) },
  { name: 'min', compile: extreme(Math.min, Infinity) },
  { name: 'max', compile: extreme(Math.max, -Infinity) },
];
