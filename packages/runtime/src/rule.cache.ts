import { compileRule } from '@liuyun/logic';
import type { JsonValue } from '@liuyun/definitions';

type Compiled = ReturnType<typeof compileRule>;

const cache = new WeakMap<object, Map<string, Compiled>>();

/**
 * Evaluates a rule held by a definition object, compiling it once per owner and slot
 * (definitions are immutable once published, so the owner object identifies the rule).
 */
export function evaluateRule(
  owner: object,
  slot: string,
  rule: JsonValue,
  data: JsonValue,
): JsonValue {
  let slots = cache.get(owner);
  if (!slots) {
    slots = new Map();
    cache.set(owner, slots);
  }
  let compiled = slots.get(slot);
  if (!compiled) {
    compiled = compileRule(rule);
    slots.set(slot, compiled);
  }
  return compiled(data);
}
