import { collectVars } from '@liuyun/logic';
import type { JsonLogicRule } from '../types';

/** A computed field of one scope and its rule. */
export interface ComputedField {
  key: string;
  rule: JsonLogicRule;
}

/** The result of ordering computed fields: the order, and the fields caught in a cycle. */
export interface ComputedOrder {
  order: ComputedField[];
  cyclic: string[];
}

function dependenciesOf(rule: JsonLogicRule, candidates: Set<string>): string[] {
  let vars: string[];
  try {
    vars = collectVars(rule);
  } catch {
    return [];
  }
  const deps = new Set<string>();
  for (const path of vars) {
    const head = String(path).split('.')[0] ?? '';
    if (candidates.has(head)) deps.add(head);
  }
  return [...deps];
}

/**
 * Orders computed fields so each runs after the computed fields it reads (Kahn's
 * algorithm, ties kept in the given order). Fields in a cycle come last, in the given
 * order, and are reported so publishing can refuse them.
 */
export function orderComputedFields(fields: ComputedField[]): ComputedOrder {
  const keys = new Set(fields.map((f) => f.key));
  const deps = new Map(
    fields.map((f) => [f.key, dependenciesOf(f.rule, keys).filter((d) => d !== f.key)]),
  );
  const selfCyclic = fields
    .filter((f) => dependenciesOf(f.rule, keys).includes(f.key))
    .map((f) => f.key);
  const done = new Set<string>();
  const order: ComputedField[] = [];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const field of fields) {
      if (done.has(field.key) || selfCyclic.includes(field.key)) continue;
      if ((deps.get(field.key) ?? []).every((d) => done.has(d))) {
        done.add(field.key);
        order.push(field);
        progressed = true;
      }
    }
  }
  const cyclic = fields.filter((f) => !done.has(f.key));
  return { order: [...order, ...cyclic], cyclic: cyclic.map((f) => f.key) };
}
