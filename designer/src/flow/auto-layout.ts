import type { FlowDefinition } from '@liuyun/definitions';

export interface Point {
  x: number;
  y: number;
}

const LAYER_GAP = 130;
const SIBLING_GAP = 250;

/**
 * A simple layered layout for flows saved without positions: each node one layer below
 * the deepest of its predecessors (edges that close a loop are ignored), siblings side by side.
 */
export function layeredLayout(flow: FlowDefinition): Map<string, Point> {
  const ids = flow.nodes.map((n) => n.id);
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  const outgoing = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of flow.edges) {
    if (!incoming.has(edge.target) || !outgoing.has(edge.source)) continue;
    incoming.get(edge.target)?.push(edge.source);
    outgoing.get(edge.source)?.push(edge.target);
  }

  // Depth-first from the start(s) to find the edges that go back up (loops).
  const backEdges = new Set<string>();
  const state = new Map<string, 'open' | 'closed'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const next of outgoing.get(id) ?? []) {
      const seen = state.get(next);
      if (seen === 'open') backEdges.add(`${id}>${next}`);
      else if (seen === undefined) visit(next);
    }
    state.set(id, 'closed');
  };
  const roots = flow.nodes.filter((n) => n.type === 'start').map((n) => n.id);
  for (const id of [...roots, ...ids]) if (!state.has(id)) visit(id);

  // Longest path over the remaining (acyclic) edges.
  const layer = new Map<string, number>();
  const layerOf = (id: string, guard: Set<string>): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (guard.has(id)) return 0;
    guard.add(id);
    const parents = (incoming.get(id) ?? []).filter((p) => !backEdges.has(`${p}>${id}`));
    const value = parents.length === 0 ? 0 : Math.max(...parents.map((p) => layerOf(p, guard) + 1));
    layer.set(id, value);
    return value;
  };

  const rows = new Map<number, string[]>();
  for (const id of ids) {
    const l = layerOf(id, new Set());
    rows.set(l, [...(rows.get(l) ?? []), id]);
  }

  const positions = new Map<string, Point>();
  for (const [l, members] of rows) {
    members.forEach((id, i) => {
      positions.set(id, { x: (i - (members.length - 1) / 2) * SIBLING_GAP, y: l * LAYER_GAP });
    });
  }
  return positions;
}
