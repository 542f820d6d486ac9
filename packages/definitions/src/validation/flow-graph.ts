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

/**
 * Nodes a split's branch reaches from `start` before it is closed: joins are reached but
 * not passed, and the split itself is never re-entered.
 */
function branchReach(graph: FlowGraph, splitId: string, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop();
    if (id === undefined || id === splitId || seen.has(id)) continue;
    seen.add(id);
    if (graph.nodes.get(id)?.node.type === 'parallel_join') continue;
    for (const { edge } of graph.outgoing.get(id) ?? []) queue.push(edge.target);
  }
  return seen;
}

/**
 * Whether some parallel split feeds each incoming edge of `joinId` from a branch of its
 * own (a bipartite matching of incoming edges onto distinct branches). Without one, the
 * join would wait for a token no split ever sends.
 */
export function hasMatchingSplit(graph: FlowGraph, joinId: string): boolean {
  const incoming = graph.incoming.get(joinId) ?? [];
  if (incoming.length === 0) return false;
  const upstream = reachable(graph, [joinId], 'backward');
  for (const splitId of upstream) {
    if (graph.nodes.get(splitId)?.node.type !== 'parallel_split') continue;
    const branches = (graph.outgoing.get(splitId) ?? []).map(({ edge }) => ({
      edge,
      reach: branchReach(graph, splitId, edge.target),
    }));
    if (branches.length < incoming.length) continue;
    // feeds[i] = the branches that can bring incoming edge i.
    const feeds = incoming.map(({ edge: into }) =>
      branches.flatMap((branch, b) =>
        branch.edge === into || branch.reach.has(into.source) ? [b] : [],
      ),
    );
    const owner = new Array<number>(branches.length).fill(-1);
    const assign = (i: number, tried: Set<number>): boolean => {
      for (const b of feeds[i] ?? []) {
        if (tried.has(b)) continue;
        tried.add(b);
        const current = owner[b] ?? -1;
        if (current === -1 || assign(current, tried)) {
          owner[b] = i;
          return true;
        }
      }
      return false;
    };
    if (incoming.every((_, i) => assign(i, new Set()))) return true;
  }
  return false;
}
