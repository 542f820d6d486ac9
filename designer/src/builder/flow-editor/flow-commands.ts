import type { FlowDefinition, FlowEdge, FlowNode, I18nText, NodeType } from '@liuyun/definitions';
import { edgeForConnection } from './connection-rules';
import { nodeCatalog } from './node-catalog';

export interface Point {
  x: number;
  y: number;
}

/** What Ctrl+C holds: nodes and the edges between them, as plain JSON. */
export interface FlowClipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** An id not used by any node or edge of the flow: `<prefix>_<n>`. */
export function freshId(
  flow: FlowDefinition,
  prefix: string,
  taken: Set<string> = new Set(),
): string {
  const used = new Set([...flow.nodes.map((n) => n.id), ...flow.edges.map((e) => e.id), ...taken]);
  const base = prefix.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40) || 'node';
  for (let n = 1; ; n += 1) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}

/** A node of `type` with the catalogue's starting settings. */
export function newNode<T extends NodeType>(
  type: T,
  id: string,
  name: I18nText,
  position: Point,
): FlowNode {
  const settings = nodeCatalog[type].defaults();
  return { id, type, name, settings, position } as unknown as FlowNode;
}

export function addNode(flow: FlowDefinition, node: FlowNode): FlowDefinition {
  return { ...flow, nodes: [...flow.nodes, node] };
}

/** Removes nodes and edges; an edge touching a removed node goes with it. */
export function removeElements(
  flow: FlowDefinition,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): FlowDefinition {
  if (nodeIds.size === 0 && edgeIds.size === 0) return flow;
  return {
    ...flow,
    nodes: flow.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: flow.edges.filter(
      (e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target),
    ),
  };
}

/** Sets positions; nodes not listed keep their object (the canvas keeps their components). */
export function moveNodes(
  flow: FlowDefinition,
  positions: ReadonlyMap<string, Point>,
): FlowDefinition {
  if (positions.size === 0) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((n) => {
      const p = positions.get(n.id);
      if (!p) return n;
      const position = { x: Math.round(p.x), y: Math.round(p.y) };
      return n.position?.x === position.x && n.position.y === position.y ? n : { ...n, position };
    }),
  };
}

export function connect(flow: FlowDefinition, source: string, target: string): FlowDefinition {
  const edge = edgeForConnection(flow, source, target, freshId(flow, `${source}_to_${target}`));
  return { ...flow, edges: [...flow.edges, edge] };
}

/** Replaces one node (same id) by what `change` makes of it. */
export function updateNode(
  flow: FlowDefinition,
  id: string,
  change: (node: FlowNode) => FlowNode,
): FlowDefinition {
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

export function updateEdge(
  flow: FlowDefinition,
  id: string,
  change: (edge: FlowEdge) => FlowEdge,
): FlowDefinition {
  let edges = flow.edges.map((e) => (e.id === id ? change(e) : e));
  const changed = edges.find((e) => e.id === id);
  // One default per exclusive branch: marking one unmarks its siblings.
  if (changed?.isDefault === true) {
    edges = edges.map((e) =>
      e.id !== id && e.source === changed.source && e.isDefault === true
        ? withoutKeys(e, ['isDefault'])
        : e,
    );
  }
  return { ...flow, edges };
}

export function withoutKeys<T extends object, K extends keyof T>(value: T, keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The selected nodes and the edges between them (a start is never copied: a flow has one). */
export function copySelection(flow: FlowDefinition, nodeIds: ReadonlySet<string>): FlowClipboard {
  const nodes = flow.nodes.filter((n) => nodeIds.has(n.id) && n.type !== 'start');
  const kept = new Set(nodes.map((n) => n.id));
  const edges = flow.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return JSON.parse(JSON.stringify({ nodes, edges })) as FlowClipboard;
}

/** Pastes a clipboard with fresh ids, shifted by `offset`; answers the flow and the new ids. */
export function paste(
  flow: FlowDefinition,
  clipboard: FlowClipboard,
  offset: Point,
): { flow: FlowDefinition; nodeIds: string[] } {
  const taken = new Set<string>();
  const idMap = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = freshId(flow, node.id.replace(/_[0-9]+$/, ''), taken);
    taken.add(id);
    idMap.set(node.id, id);
  }
  const nodes = clipboard.nodes.map((n) => ({
    ...n,
    id: idMap.get(n.id) ?? n.id,
    position: { x: (n.position?.x ?? 0) + offset.x, y: (n.position?.y ?? 0) + offset.y },
  })) as FlowNode[];
  const edges = clipboard.edges.map((e) => {
    const id = freshId(flow, e.id.replace(/_[0-9]+$/, ''), taken);
    taken.add(id);
    return {
      ...e,
      id,
      source: idMap.get(e.source) ?? e.source,
      target: idMap.get(e.target) ?? e.target,
    };
  });
  return {
    flow: { ...flow, nodes: [...flow.nodes, ...nodes], edges: [...flow.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}

/** A flow for a form that has none: start → end. */
export function starterFlow(
  formKey: string,
  name: I18nText,
  labels: { start: I18nText; end: I18nText },
): FlowDefinition {
  return {
    key: `${formKey}_flow`.slice(0, 64),
    name,
    nodes: [
      {
        id: 'start',
        type: 'start',
        name: labels.start,
        settings: { trigger: 'form_submit' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'end',
        type: 'end',
        name: labels.end,
        settings: { outcome: 'approved' },
        position: { x: 0, y: 260 },
      },
    ],
    edges: [],
  };
}
