/** Which data paths a rule reads: the input to dependency ordering of computed fields. */
import { referencesOf } from './field-references';
import { DEFAULT_LOGIC_LIMITS } from './limits';
import { walkRule } from './rule-walk';

/**
 * The literal `var` paths (and `missing`/`missing_some` keys) a rule reads from its data,
 * unique, in document order. Paths inside `map`/`filter`/`reduce`/`all`/`some`/`none`
 * bodies are left out (they read the item, not the record); `$record.` paths are kept as
 * written. Never throws: a rule past the size/depth limits yields what was read before the limit.
 */
export function collectVars(rule: unknown): string[] {
  const seen = new Set<string>();
  walkRule(rule, DEFAULT_LOGIC_LIMITS, (visit) => {
    if (visit.scoped) return;
    for (const reference of referencesOf(visit)) seen.add(reference.name);
  });
  return [...seen];
}
