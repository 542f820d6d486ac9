import type { FlowDefinition, FlowEdge } from '@liuyun/definitions';
import type { RuntimeNode } from './node.types';

/** A flow indexed once for the interpreter: nodes by id, edges by source and target. */
export interface FlowIndex {
  nodes: Map<string, RuntimeNode>;
  outgoing: Map<string, FlowEdge[]>;
  incoming: Map<string, FlowEdge[]>;
  startId: string | undefined;
}

const cache = new WeakMap<FlowDefinition, FlowIndex>();

/** Indexes a (published, hence valid) flow; cached per definition object. */
export function indexFlow(definition: FlowDefinition): FlowIndex {
  const cached = cache.get(definition);
  if (cached) return cached;
  const nodes = new Map<string, RuntimeNode>();
  const outgoing = new Map<string, FlowEdge[]>();
  const incoming = new Map<string, FlowEdge[]>();
  for (const node of definition.nodes) {
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, node);
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  }
  for (const edge of definition.edges) {
    outgoing.get(edge.source)?.push(edge);
    incoming.get(edge.target)?.push(edge);
  }
  const startId = definition.nodes.find((node) => node.type === 'start')?.id;
  const index: FlowIndex = { nodes, outgoing, incoming, startId };
  cache.set(definition, index);
  return index;
}
