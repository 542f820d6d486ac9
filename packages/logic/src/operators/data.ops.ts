/** Data access: `var`, `missing`, `missing_some` — own properties only. */
import { lessOrEqual } from '../coercion';
import { argAt, type Evaluator, type OperatorContext, type OperatorSpec } from '../compiler.types';
import { isReadableSegment, readDynamicPath, readOwn, splitPath } from '../data-access';

/** `var`: a dot path into the data, with an optional default (evaluated only when needed). */
function compileVar(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const fallbackRule = args[1];
  const fallback: Evaluator =
    fallbackRule === undefined
      ? () => null
      : (data) => {
          const value = fallbackRule(data);
          return value === undefined ? null : value;
        };
  const pathArg = args[0];
  if (pathArg === undefined) return (data) => data;
  const literal = ctx.literals[0];
  if (literal === undefined) {
    // The path is itself a rule: split it at run time.
    return (data) => {
      const value = readDynamicPath(data, pathArg(data), undefined);
      return value === undefined ? fallback(data) : value;
    };
  }
  const segments = splitPath(literal.value);
  if (segments === null) return (data) => data;
  if (!segments.every(isReadableSegment)) return fallback;
  return compileLiteralPath(segments, fallback);
}

/**
 * A literal path, checked once here so evaluation only pays for own-property reads.
 * Short paths (the common case) get a closure without a loop.
 */
function compileLiteralPath(segments: readonly string[], fallback: Evaluator): Evaluator {
  const [first, second, third] = segments;
  if (first === undefined) return fallback;
  if (second === undefined) {
    return (data) => {
      const value = readOwn(data, first);
      return value === undefined ? fallback(data) : value;
    };
  }
  if (third === undefined) {
    return (data) => {
      const value = readOwn(readOwn(data, first), second);
      return value === undefined ? fallback(data) : value;
    };
  }
  return (data) => {
    let value = data;
    for (let i = 0; i < segments.length && value !== undefined; i++) {
      value = readOwn(value, segments[i] as string);
    }
    return value === undefined ? fallback(data) : value;
  };
}

/** The keys whose value is absent, null or "" (json-logic-js `missing`). */
function missingKeys(data: unknown, keys: readonly unknown[]): unknown[] {
  const missing: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = readDynamicPath(data, key, null);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

/** `missing`: keys from the first argument when it is an array, else from all arguments. */
function compileMissing(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  return (data) => {
    const values: unknown[] = [];
    for (let i = 0; i < args.length; i++) values.push((args[i] as Evaluator)(data));
    const [first] = values;
    const keys = Array.isArray(first) ? (first as unknown[]) : values;
    ctx.charge(keys.length);
    return missingKeys(data, keys);
  };
}

/** `missing_some`: `[]` when at least `need` of the keys are present, else the missing ones. */
function compileMissingSome(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const needRule = argAt(args, 0);
  const keysRule = argAt(args, 1);
  return (data) => {
    const need = needRule(data);
    const options = keysRule(data);
    const keys = Array.isArray(options) ? (options as unknown[]) : [options];
    // json-logic-js reads `options.length`, which only strings and arrays have.
    const offered = Array.isArray(options) || typeof options === 'string' ? options.length : NaN;
    ctx.charge(keys.length);
    const missing = missingKeys(data, keys);
    return lessOrEqual(need, offered - missing.length) ? [] : missing;
  };
}

/** Data access operators. */
export const dataOperators: readonly OperatorSpec[] = [
  { name: 'var', compile: compileVar },
  { name: 'missing', compile: compileMissing },
  { name: 'missing_some', compile: compileMissingSome },
];
