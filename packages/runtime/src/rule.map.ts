import type { JsonLogicRule, JsonObject, JsonValue } from '@liuyun/definitions';
import type { NodeContext, NodeOutcome } from './node.types';
import { fail } from './node.outcomes';
import { isWritableKey } from './record.merge';

/**
 * Evaluates each rule of a `key → rule` map on the record (literals are rules too).
 * Returns the values, or the failure when a rule cannot run.
 */
export function evaluateRuleMap(
  ctx: NodeContext,
  map: Record<string, JsonLogicRule> | undefined,
  what: string,
): { values: Record<string, JsonValue> } | { failure: NodeOutcome } {
  const values: Record<string, JsonValue> = {};
  for (const [key, rule] of Object.entries(map ?? {})) {
    if (!isWritableKey(key)) continue;
    try {
      values[key] = ctx.evaluate(map ?? {}, key, rule, ctx.state.record);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { failure: fail('rule_failed', `the rule for ${what} "${key}" failed: ${detail}`) };
    }
  }
  return { values };
}

const SOURCE_PREFIX = '$source.';

/** A JSON value as a rule literal: scalars and arrays of scalars stand for themselves. */
function literal(value: JsonValue | undefined): JsonValue {
  if (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)))
    return null;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? null : item));
  return value;
}

/**
 * Replaces every `{"var": "$source.<field>"}` in a filter by the record's value, so the
 * host can evaluate the filter on target records alone.
 */
export function bindSource(rule: JsonLogicRule, record: JsonObject): JsonValue {
  if (Array.isArray(rule)) return rule.map((item) => bindSource(item, record));
  if (typeof rule !== 'object' || rule === null) return rule;
  const keys = Object.keys(rule);
  const name = keys.length === 1 && keys[0] === 'var' ? rule.var : undefined;
  const path = Array.isArray(name) ? name[0] : name;
  if (typeof path === 'string' && path.startsWith(SOURCE_PREFIX)) {
    const field = path.slice(SOURCE_PREFIX.length);
    const fallback = Array.isArray(name) ? literal(name[1]) : null;
    return isWritableKey(field) && Object.prototype.hasOwnProperty.call(record, field)
      ? literal(record[field])
      : fallback;
  }
  const bound: JsonObject = {};
  for (const key of keys) bound[key] = bindSource(rule[key] ?? null, record);
  return bound;
}
