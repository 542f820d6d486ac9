import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One difference between two versions: what it concerns and, when changed, which parts. */
export interface Change {
  kind: ChangeKind;
  /** `node`, `edge` or `field` id / key, or the setting's name for `setting`. */
  id: string;
  /** Changed parts, e.g. `settings.assignees`, `position`, `x-label`. */
  parts: string[];
}

export interface VersionDiff {
  nodes: Change[];
  edges: Change[];
  /** Top-level flow settings (name, withdraw policy) and form settings (name, layout, checks). */
  settings: Change[];
  fields: Change[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The keys (and, for `settings`, one level deeper) whose values differ; `position` listed apart. */
function changedParts(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (same(a[key], b[key])) continue;
    const av = a[key];
    const bv = b[key];
    if (key === 'settings' && isObject(av) && isObject(bv)) {
      for (const sub of [...new Set([...Object.keys(av), ...Object.keys(bv)])].sort()) {
        if (!same(av[sub], bv[sub])) parts.push(`settings.${sub}`);
      }
    } else parts.push(key);
  }
  return parts;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function diffById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  ignore: readonly string[] = [],
): Change[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const changes: Change[] = [];
  for (const [id, item] of now) {
    const was = old.get(id);
    if (!was) {
      changes.push({ kind: 'added', id, parts: [] });
      continue;
    }
    const parts = changedParts(
      was as unknown as Record<string, unknown>,
      item as unknown as Record<string, unknown>,
    ).filter((p) => !ignore.includes(p));
    if (parts.length > 0) changes.push({ kind: 'changed', id, parts });
  }
  for (const id of old.keys()) if (!now.has(id)) changes.push({ kind: 'removed', id, parts: [] });
  return changes;
}

function settingChange(id: string, a: unknown, b: unknown): Change[] {
  if (same(a, b)) return [];
  const kind: ChangeKind = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
  return [{ kind, id, parts: [] }];
}

/**
 * What changed from `before` to `after`: nodes, edges, fields added, removed or changed, and
 * the settings of the flow and the form. Moving a node is not a change of its meaning, so
 * positions are left out.
 */
export function diffVersions(
  before: { definition: FormDefinition; flow: FlowDefinition | null },
  after: { definition: FormDefinition; flow: FlowDefinition | null },
): VersionDiff {
  const a = before.flow;
  const b = after.flow;
  const fieldsBefore = Object.entries(before.definition.schema.properties).map(([id, f]) => ({
    id,
    ...f,
  }));
  const fieldsAfter = Object.entries(after.definition.schema.properties).map(([id, f]) => ({
    id,
    ...f,
  }));
  return {
    nodes: diffById(a?.nodes ?? [], b?.nodes ?? [], ['position']),
    edges: diffById(a?.edges ?? [], b?.edges ?? []),
    fields: diffById(fieldsBefore, fieldsAfter),
    settings: [
      ...settingChange('flow', a === null ? undefined : true, b === null ? undefined : true),
      ...settingChange('flow.name', a?.name, b?.name),
      ...settingChange('flow.withdrawPolicy', a?.withdrawPolicy, b?.withdrawPolicy),
      ...settingChange('form.name', before.definition.name, after.definition.name),
      ...settingChange('form.layout', before.definition.layout, after.definition.layout),
      ...settingChange(
        'form.required',
        before.definition.schema.required,
        after.definition.schema.required,
      ),
      ...settingChange('form.checks', before.definition.checks, after.definition.checks),
    ],
  };
}

/**
 * Both versions on one canvas: every node and edge of `after`, plus those only `before`
 * had (drawn as removed), each with its change kind.
 */
export function mergedFlow(
  before: FlowDefinition | null,
  after: FlowDefinition | null,
  diff: VersionDiff,
): {
  flow: FlowDefinition | null;
  nodeKinds: Map<string, ChangeKind>;
  edgeKinds: Map<string, ChangeKind>;
} {
  const base = after ?? before;
  if (!base) return { flow: null, nodeKinds: new Map(), edgeKinds: new Map() };
  const nodeKinds = new Map(diff.nodes.map((c) => [c.id, c.kind]));
  const edgeKinds = new Map(diff.edges.map((c) => [c.id, c.kind]));
  const removedNodes = (before?.nodes ?? []).filter((n) => nodeKinds.get(n.id) === 'removed');
  const removedEdges = (before?.edges ?? []).filter((e) => edgeKinds.get(e.id) === 'removed');
  return {
    flow: {
      ...base,
      nodes: [...(after?.nodes ?? []), ...removedNodes],
      edges: [...(after?.edges ?? []), ...removedEdges],
    },
    nodeKinds,
    edgeKinds,
  };
}
