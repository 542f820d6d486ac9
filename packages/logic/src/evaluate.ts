/** One-call evaluation with a per-rule compile cache. */
import { type CompiledRule, type CompileOptions, compileRule, type EvalOptions } from './compiler';
import type { JsonValue } from './json.types';

/** Options of {@link evaluate}: compile options and evaluation options together. */
export interface EvaluateOptions extends CompileOptions, EvalOptions {}

/** Compiled rules by rule object, for callers that keep their rule objects around. */
const compiledByRule = new WeakMap<object, CompiledRule>();

function compiledFor(rule: unknown, options?: EvaluateOptions): CompiledRule {
  // Custom limits change the compiled closure, so only default-limit compilations are shared.
  if (typeof rule !== 'object' || rule === null || options?.limits !== undefined) {
    return compileRule(rule, options);
  }
  let compiled = compiledByRule.get(rule);
  if (compiled === undefined) {
    compiled = compileRule(rule);
    compiledByRule.set(rule, compiled);
  }
  return compiled;
}

/**
 * Compiles (once per rule object, cached in a WeakMap) and evaluates `rule` against `data`.
 * Rule objects must not be mutated after their first evaluation: the cache would not notice.
 * Throws the typed errors of {@link compileRule}.
 */
export function evaluate(rule: unknown, data: unknown, options?: EvaluateOptions): JsonValue {
  return compiledFor(rule, options)(data, options);
}
