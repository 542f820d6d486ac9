/**
 * Array operators: `merge`, `map`, `filter`, `reduce`, `all`, `none`, `some`.
 * Iterations are paid for in steps (body size per item) before or while they run, so
 * a huge array is refused instead of hanging.
 */
import { isTruthy } from '../coercion';
import { argAt, type Evaluator, type OperatorContext, type OperatorSpec } from '../compiler.types';

/** Step cost of one iteration: the body's node count, at least 1. */
function bodyCost(ctx: OperatorContext): number {
  return Math.max(ctx.argSizes[1] ?? 1, 1);
}

/** `merge`: flattens one level; non-array operands are appended as items. */
function compileMerge(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  return (data) => {
    const parts: unknown[] = [];
    let total = 0;
    for (let i = 0; i < args.length; i++) {
      const part = (args[i] as Evaluator)(data);
      total += Array.isArray(part) ? part.length : 1;
      parts.push(part);
    }
    ctx.checkArrayLength(total);
    ctx.charge(total);
    const out: unknown[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (Array.isArray(part)) {
        for (let j = 0; j < part.length; j++) out.push(part[j]);
      } else {
        out.push(part);
      }
    }
    return out;
  };
}

/** `map`: the body evaluated with each item as data; non-arrays map to []. */
function compileMap(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const source = argAt(args, 0);
  const body = argAt(args, 1);
  const cost = bodyCost(ctx);
  return (data) => {
    const items = source(data);
    if (!Array.isArray(items)) return [];
    ctx.checkArrayLength(items.length);
    ctx.charge(items.length * cost);
    const out: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = body(items[i]);
    return out;
  };
}

/** `filter`: the items for which the body is truthy. */
function compileFilter(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const source = argAt(args, 0);
  const body = argAt(args, 1);
  const cost = bodyCost(ctx);
  return (data) => {
    const items = source(data);
    if (!Array.isArray(items)) return [];
    ctx.charge(items.length * cost);
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      if (isTruthy(body(item))) out.push(item);
    }
    return out;
  };
}

/** `reduce`: the body sees `{current, accumulator}`; the seed defaults to null. */
function compileReduce(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const source = argAt(args, 0);
  const body = argAt(args, 1);
  const seed = args[2];
  const cost = bodyCost(ctx);
  return (data) => {
    const items = source(data);
    let accumulator = seed === undefined ? null : seed(data);
    if (!Array.isArray(items)) return accumulator;
    ctx.charge(items.length * cost);
    for (let i = 0; i < items.length; i++) {
      accumulator = body({ current: items[i], accumulator });
    }
    return accumulator;
  };
}

/**
 * `all` / `some` / `none` short-circuit, so they pay per iteration. `all` of an empty
 * array is false, as in json-logic-js.
 */
function quantifier(kind: 'all' | 'some' | 'none'): OperatorSpec['compile'] {
  return (args, ctx) => {
    const source = argAt(args, 0);
    const body = argAt(args, 1);
    const cost = bodyCost(ctx);
    const stopOn = kind !== 'all';
    return (data) => {
      const items = source(data);
      if (!Array.isArray(items) || items.length === 0) return kind === 'none';
      for (let i = 0; i < items.length; i++) {
        ctx.charge(cost);
        if (isTruthy(body(items[i])) === stopOn) return kind === 'some';
      }
      return kind !== 'some';
    };
  };
}

/** Array operators. */
export const arrayOperators: readonly OperatorSpec[] = [
  { name: 'merge', compile: compileMerge },
  { name: 'map', minArgs: 2, maxArgs: 2, scopedArgs: [1], compile: compileMap },
  { name: 'filter', minArgs: 2, maxArgs: 2, scopedArgs: [1], compile: compileFilter },
  { name: 'reduce', minArgs: 2, maxArgs: 3, scopedArgs: [1], compile: compileReduce },
  { name: 'all', minArgs: 2, maxArgs: 2, scopedArgs: [1], compile: quantifier('all') },
  { name: 'some', minArgs: 2, maxArgs: 2, scopedArgs: [1], compile: quantifier('some') },
  { name: 'none', minArgs: 2, maxArgs: 2, scopedArgs: [1], compile: quantifier('none') },
];
