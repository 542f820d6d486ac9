/**
 * The dependency graph between a form's fields: an edge `a → b` when b's value or
 * presence follows from a (b's computed value, default, visibility or requirement reads
 * a; data linkage matches on a; a linked record a copies into b). A cycle is a publish
 * error (`dependency_cycle`): the browser and the server could not settle the values.
 */
import { collectVars } from '@liuyun/logic';
import type { DefinitionError, FormDefinition, JsonLogicRule } from '../types';
import { escapePointerToken } from '../validation/json-pointer';

/** One edge with the reason, for messages and the designer. */
export interface FieldDependency {
  from: string;
  to: string;
  via: 'x-computed' | 'x-default' | 'x-visible' | 'x-required-when' | 'x-linkage' | 'x-link';
}

const RULE_KEYWORDS = ['x-computed', 'x-default', 'x-visible', 'x-required-when'] as const;

function readsOf(
  rule: JsonLogicRule | undefined,
  fields: ReadonlySet<string>,
  prefix = '',
): string[] {
  if (rule === undefined) return [];
  let vars: string[];
  try {
    vars = collectVars(rule);
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const name of vars) {
    const path = prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
    const head = path.split('.')[0] ?? '';
    if (fields.has(head)) out.add(head);
  }
  return [...out];
}

/**
 * The edges between the record's fields. Rules inside sub-form rows count for the
 * sub-form field: a row rule reading `$record.x` makes the sub-form depend on x, and an
 * aggregate over the rows makes its reader depend on the sub-form.
 */
export function fieldDependencies(form: FormDefinition): FieldDependency[] {
  const props = form.schema.properties;
  const fields = new Set(Object.keys(props));
  const edges: FieldDependency[] = [];
  for (const [key, field] of Object.entries(props)) {
    for (const via of RULE_KEYWORDS) {
      for (const from of readsOf(field[via], fields)) edges.push({ from, to: key, via });
    }
    for (const { equals } of field['x-linkage']?.match ?? []) {
      if (fields.has(equals)) edges.push({ from: equals, to: key, via: 'x-linkage' });
    }
    for (const target of Object.keys(field['x-link']?.copy ?? {})) {
      if (fields.has(target)) edges.push({ from: key, to: target, via: 'x-link' });
    }
    if (field['x-widget'] === 'subform' && field.items && 'properties' in field.items) {
      for (const row of Object.values(field.items.properties ?? {})) {
        for (const via of ['x-computed', 'x-default'] as const) {
          for (const from of readsOf(row[via], fields, '$record.')) {
            if (from !== key) edges.push({ from, to: key, via });
          }
        }
      }
    }
  }
  return edges;
}

/** The fields on a cycle of the graph (Tarjan's strongly connected components, iterative). */
export function cyclicFields(
  keys: readonly string[],
  edges: readonly FieldDependency[],
): string[][] {
  const next = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of keys) {
    if (index.has(root)) continue;
    const work: { node: string; child: number }[] = [{ node: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const children = next.get(top.node) ?? [];
      if (top.child < children.length) {
        const child = children[top.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== top.node);
        const selfLoop = edges.some((e) => e.from === top.node && e.to === top.node);
        if (component.length > 1 || selfLoop) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}

/** One `dependency_cycle` error per cycle, at the first field of it. */
export function dependencyCycleErrors(form: FormDefinition): DefinitionError[] {
  const edges = fieldDependencies(form);
  return cyclicFields(Object.keys(form.schema.properties), edges).map((cycle) => {
    const first = cycle[0] ?? '';
    const via = edges.find((e) => e.to === first && cycle.includes(e.from))?.via ?? 'x-computed';
    return {
      code: 'dependency_cycle' as const,
      path: `/schema/properties/${escapePointerToken(first)}/${via}`,
      field: first,
      message: `fields depend on each other in a circle: ${[...cycle, first].join(' → ')}`,
    };
  });
}
