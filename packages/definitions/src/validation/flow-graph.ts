import type { FlowDefinition, FlowEdge, FlowNode } from '../types';

/** A flow indexed for graph questions: nodes by id, edges by source and target. */
export interface FlowGraph {
  nodes: Map<string, { node: FlowNode; index: number }>;
  outgoing: Map<string, { edge: FlowEdge; index: number }[]>;
  incoming: Map<string, { edge: FlowEdge; index: number }[]>;
}

/** Indexes a flow. The first node with an id wins; edges to unknown nodes are left out. */
export function indexFlow(flow: FlowDefinition): FlowGraph {
  const nodes = new Map<string, { node: FlowNode; index: number }>();
  flow.nodes.forEach((node, index) => {
    if (!nodes.has(node.id)) nodes.set(node.id, { node, index });
  });
  const outgoing = new Map<string, { edge: FlowEdge; index: number }[]>();
  const incoming = new Map<string, { edge: FlowEdge; index: number }[]>();
  for (const id of nodes.keys()) {
    outgoing.set(id, []);
    incoming.set(id, []);
  }
  flow.edges.forEach((edge, index) => {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) return;
    outgoing.get(edge.source)?.push({ edge, index });
    incoming.get(edge.target)?.push({ edge, index });
  });
  return { nodes, outgoing, incoming };
}

/**
 * Every node reachable from `from` following edges forward (or backward), optionally
 * without passing through nodes `blocked` refuses. Iterative, so any size is safe.
 */
export function reachable(
  graph: FlowGraph,
  from: Iterable<string>,
  direction: 'forward' | 'backward',
  blocked: (id: string) => boolean = () => false,
): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length > 0) {
    const id = queue.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const links = direction === 'forward' ? graph.outgoing.get(id) : graph.incoming.get(id);
    for (const { edge } of links ?? []) {
      const next = direction === 'forward' ? edge.target : edge.source;
      if (!seen.has(next) && !blocked(next)) queue.push(next);
    }
  }
  return seen;
}

/**
 * Groups of nodes that form a cycle passing through no node `isWait` accepts: at run
 * time such a cycle loops within one step until the step budget cuts it.
 */
export function cyclesWithoutWait(graph: FlowGraph, isWait: (id: string) => boolean): string[][] {
  const groups: string[][] = [];
  const assigned = new Set<string>();
  const reachCache = new Map<string, Set<string>>();
  const reachOf = (id: string): Set<string> => {
    let set = reachCache.get(id);
    if (!set) {
      const successors = (graph.outgoing.get(id) ?? [])
        .map(({ edge }) => edge.target)
        .filter((target) => !isWait(target));
      set = reachable(graph, successors, 'forward', isWait);
      reachCache.set(id, set);
    }
    return set;
  };
  for (const id of graph.nodes.keys()) {
    if (assigned.has(id) || isWait(id) || !reachOf(id).has(id)) continue;
    const group = [...reachOf(id)].filter((other) => other === id || reachOf(other).has(id));
    group.forEach((member) => assigned.add(member));
    groups.push(group);
  }
  return groups;
}
