/** Control flow and boolean operators: `if`, `?:`, `and`, `or`, `!`, `!!`. */
import { isTruthy } from '../coercion';
import { argAt, type Evaluator, type OperatorSpec } from '../compiler.types';

const evaluateToNull: Evaluator = () => null;

/**
 * `if` / `?:` with else-if chains: pairs of (condition, consequent), then an optional else.
 * No else and no match → null; a single argument is returned as is.
 */
function compileIf(args: readonly Evaluator[]): Evaluator {
  const [condition, consequent, alternative] = args;
  if (condition === undefined) return evaluateToNull;
  if (consequent === undefined) return condition;
  if (args.length === 2) return (data) => (isTruthy(condition(data)) ? consequent(data) : null);
  if (args.length === 3 && alternative !== undefined) {
    return (data) => (isTruthy(condition(data)) ? consequent(data) : alternative(data));
  }
  const pairs = args.length - 1;
  const fallback = args.length % 2 === 1 ? argAt(args, args.length - 1) : evaluateToNull;
  return (data) => {
    for (let i = 0; i < pairs; i += 2) {
      if (isTruthy((args[i] as Evaluator)(data))) return (args[i + 1] as Evaluator)(data);
    }
    return fallback(data);
  };
}

/** `and`: the first falsy operand, or the last one. */
function compileAnd(args: readonly Evaluator[]): Evaluator {
  const [first, second] = args;
  if (first === undefined) return evaluateToNull;
  if (second === undefined) return first;
  if (args.length === 2) {
    return (data) => {
      const value = first(data);
      return isTruthy(value) ? second(data) : value;
    };
  }
  return (data) => {
    let value: unknown;
    for (let i = 0; i < args.length; i++) {
      value = (args[i] as Evaluator)(data);
      if (!isTruthy(value)) return value;
    }
    return value;
  };
}

/** `or`: the first truthy operand, or the last one. */
function compileOr(args: readonly Evaluator[]): Evaluator {
  const [first, second] = args;
  if (first === undefined) return evaluateToNull;
  if (second === undefined) return first;
  if (args.length === 2) {
    return (data) => {
      const value = first(data);
      return isTruthy(value) ? value : second(data);
    };
  }
  return (data) => {
    let value: unknown;
    for (let i = 0; i < args.length; i++) {
      value = (args[i] as Evaluator)(data);
      if (isTruthy(value)) return value;
    }
    return value;
  };
}

/** Control flow and boolean operators. */
export const logicOperators: readonly OperatorSpec[] = [
  { name: 'if', compile: compileIf },
  { name: '?:', compile: compileIf },
  { name: 'and', compile: compileAnd },
  { name: 'or', compile: compileOr },
  {
    name: '!',
    compile: (args) => {
      const operand = argAt(args, 0);
      return (data) => !isTruthy(operand(data));
    },
  },
  {
    name: '!!',
    compile: (args) => {
      const operand = argAt(args, 0);
      return (data) => isTruthy(operand(data));
    },
  },
];
