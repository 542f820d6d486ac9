/** Core string operators: `cat`, `substr`, `in`. */
import { toJoinPart, toNumber, toPrimitive, toStringValue } from '../coercion';
import { argAt, type Evaluator, type OperatorContext, type OperatorSpec } from '../compiler.types';
import { RuleLimitError } from '../errors';

/** Searching a string costs one step per this many characters (native search is cheap). */
export const CHARACTERS_PER_STEP = 64;

/** `cat`: `Array.prototype.join(args, "")`, refused past `maxStringLength`. */
function compileCat(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const max = ctx.limits.maxStringLength;
  const tooLong = (): RuleLimitError =>
    new RuleLimitError(
      'string_too_long',
      `cat would produce a string longer than ${max} characters`,
      ctx.path,
    );
  return (data) => {
    let out = '';
    for (let i = 0; i < args.length; i++) {
      const part = toJoinPart((args[i] as Evaluator)(data));
      if (out.length + part.length > max) throw tooLong();
      out += part;
    }
    return out;
  };
}

/** ECMAScript ToIntegerOrInfinity. */
function toInteger(value: unknown): number {
  const n = toNumber(value);
  return Number.isNaN(n) ? 0 : Math.trunc(n);
}

/** `String.prototype.substr(start, length)` without the deprecated builtin. */
function substrOf(text: string, start: unknown, length?: unknown): string {
  const size = text.length;
  let from = toInteger(start);
  if (from < 0) from = Math.max(size + from, 0);
  from = Math.min(from, size);
  const count =
    length === undefined ? size - from : Math.min(Math.max(toInteger(length), 0), size - from);
  return count <= 0 ? '' : text.slice(from, from + count);
}

/**
 * `substr`: a negative length drops that many characters from the end (json-logic-js).
 * A non-number "negative" length (e.g. "-2") reproduces json-logic-js's string concatenation quirk: "".
 */
function compileSubstr(args: readonly Evaluator[]): Evaluator {
  const source = argAt(args, 0);
  const start = argAt(args, 1);
  const end = argAt(args, 2);
  return (data) => {
    const text = toStringValue(source(data));
    const from = start(data);
    const length = end(data);
    if ((toPrimitive(length) as number) < 0) {
      const rest = substrOf(text, from);
      return typeof length === 'number' ? substrOf(rest, 0, rest.length + length) : '';
    }
    return substrOf(text, from, length);
  };
}

/** `in`: substring test on strings, strict membership on arrays, false otherwise. */
function compileIn(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const needle = argAt(args, 0);
  const haystack = argAt(args, 1);
  return (data) => {
    const item = needle(data);
    const container = haystack(data);
    if (typeof container === 'string') {
      if (container === '') return false;
      ctx.charge(Math.ceil(container.length / CHARACTERS_PER_STEP));
      return container.includes(toStringValue(item));
    }
    if (Array.isArray(container)) {
      ctx.charge(container.length);
      return container.indexOf(item) !== -1;
    }
    return false;
  };
}

/** Core string operators. */
export const stringOperators: readonly OperatorSpec[] = [
  { name: 'cat', compile: compileCat },
  { name: 'substr', compile: compileSubstr },
  { name: 'in', compile: compileIn },
];
