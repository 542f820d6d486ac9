/**
 * String helpers: `trim`, `lower`, `upper`, `contains`, `length`, `starts_with`,
 * `ends_with`, and `regex_test` [text, pattern, flags?] on RE2 (re2js: linear time in the
 * text, whatever the pattern, in the browser and on the server alike). Null reads as "".
 */
import { RE2JS } from 're2js';
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

/** Longest pattern `regex_test` compiles; a longer one is refused (literal) or false (computed). */
export const MAX_PATTERN_LENGTH = 500;

/** Flags `regex_test` takes: `i` (ignore case), `m` (multi-line), `s` (dot matches newline). */
function flagBits(flags: unknown): number | null {
  if (flags === undefined || flags === null || flags === '') return 0;
  if (typeof flags !== 'string') return null;
  let bits = 0;
  for (const flag of flags) {
    if (flag === 'i') bits |= RE2JS.CASE_INSENSITIVE;
    else if (flag === 'm') bits |= RE2JS.MULTILINE;
    else if (flag === 's') bits |= RE2JS.DOTALL;
    else return null;
  }
  return bits;
}

function compilePattern(pattern: unknown, flags: unknown): RE2JS | null {
  if (typeof pattern !== 'string' || pattern.length > MAX_PATTERN_LENGTH) return null;
  const bits = flagBits(flags);
  if (bits === null) return null;
  try {
    return RE2JS.compile(pattern, bits);
  } catch {
    return null;
  }
}

/** A few computed patterns per rule are kept compiled (a rule rarely builds many). */
const PATTERN_CACHE_SIZE = 16;

/**
 * `regex_test`: whether the pattern matches anywhere in the text. A literal pattern is
 * compiled once (an invalid one is a compile error); a computed one is compiled when met
 * (invalid → false).
 */
function compileRegexTest(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const textRule = argAt(args, 0);
  const patternRule = argAt(args, 1);
  const flagsRule = argAt(args, 2);
  const literalPattern = ctx.literals[1];
  const literalFlags = args.length > 2 ? ctx.literals[2] : { value: undefined };
  let fixed: RE2JS | null = null;
  if (literalPattern !== undefined && literalFlags !== undefined) {
    fixed = compilePattern(literalPattern.value, literalFlags.value);
    if (fixed === null) {
      throw ctx.invalid(
        `regex_test: the pattern is not a valid RE2 expression of at most ${MAX_PATTERN_LENGTH} characters, or the flags are not i, m, s`,
      );
    }
  }
  const cache = new Map<string, RE2JS | null>();
  return (data) => {
    const text = textOf(textRule(data));
    ctx.charge(Math.ceil(text.length / CHARACTERS_PER_STEP));
    let regex = fixed;
    if (regex === null) {
      const pattern = patternRule(data);
      const flags = flagsRule(data);
      const key = `${typeof flags === 'string' ? flags : ''}/${typeof pattern === 'string' ? pattern : ''}`;
      if (cache.has(key)) regex = cache.get(key) ?? null;
      else {
        regex = compilePattern(pattern, flags);
        if (cache.size >= PATTERN_CACHE_SIZE) cache.clear();
        cache.set(key, regex);
      }
      if (regex === null) return false;
    }
    return regex.test(text);
  };
}

function compileAffix(atStart: boolean): OperatorSpec['compile'] {
  return (args) => {
    const textRule = argAt(args, 0);
    const affixRule = argAt(args, 1);
    return (data) => {
      const text = textOf(textRule(data));
      const affix = textOf(affixRule(data));
      return atStart ? text.startsWith(affix) : text.endsWith(affix);
    };
  };
}

/** String helper operators. */
export const crmStringOperators: readonly OperatorSpec[] = [
  { name: 'trim', minArgs: 1, maxArgs: 1, compile: unaryText((text) => text.trim()) },
  { name: 'lower', minArgs: 1, maxArgs: 1, compile: unaryText((text) => text.toLowerCase()) },
  { name: 'upper', minArgs: 1, maxArgs: 1, compile: unaryText((text) => text.toUpperCase()) },
  { name: 'contains', minArgs: 2, maxArgs: 2, compile: compileContains },
  { name: 'length', minArgs: 1, maxArgs: 1, compile: compileLength },
  { name: 'starts_with', minArgs: 2, maxArgs: 2, compile: compileAffix(true) },
  { name: 'ends_with', minArgs: 2, maxArgs: 2, compile: compileAffix(false) },
  { name: 'regex_test', minArgs: 2, maxArgs: 3, compile: compileRegexTest },
];
