import type { FlowDefinition, FlowEdge, FlowNode } from '@liuyun/definitions';

/** Why a connection is refused (a message key suffix: `flowEditor.refuse.<reason>`). */
export type ConnectionProblem =
  | 'self'
  | 'into_start'
  | 'out_of_end'
  | 'duplicate'
  | 'single_exit'
  | 'outcomes_used'
  | 'unknown_node';

/** Node types left by exactly one edge (as the publish check says). */
const SINGLE_EXIT = new Set<FlowNode['type']>([
  'start',
  'fill',
  'cc',
  'update_record',
  'parallel_join',
  'create_record',
  'notify',
  'webhook',
  'wait',
]);

/** Whether the edges leaving this node carry approve/reject outcomes. */
export function hasOutcomes(node: FlowNode): boolean {
  return node.type === 'approval' || (node.type === 'subprocess' && node.settings.waitForOutcome);
}

function isSingleExit(node: FlowNode): boolean {
  return SINGLE_EXIT.has(node.type) || (node.type === 'subprocess' && !hasOutcomes(node));
}

/**
 * Whether an edge from `sourceId` to `targetId` may be drawn; `null` when it may. The
 * canvas refuses what the publish check would refuse for certain (loops back are allowed:
 * a return path through an approval is a normal flow).
 */
export function connectionProblem(
  flow: FlowDefinition,
  sourceId: string,
  targetId: string,
  outgoing: readonly FlowEdge[] = flow.edges.filter((e) => e.source === sourceId),
): ConnectionProblem | null {
  const source = flow.nodes.find((n) => n.id === sourceId);
  const target = flow.nodes.find((n) => n.id === targetId);
  if (!source || !target) return 'unknown_node';
  if (sourceId === targetId) return 'self';
  if (target.type === 'start') return 'into_start';
  if (source.type === 'end') return 'out_of_end';
  if (outgoing.some((e) => e.target === targetId)) return 'duplicate';
  if (isSingleExit(source) && outgoing.length >= 1) return 'single_exit';
  if (hasOutcomes(source)) {
    const used = new Set(outgoing.map((e) => e.outcome));
    if (used.has('approve') && used.has('reject')) return 'outcomes_used';
  }
  return null;
}

/**
 * The edge a drawn connection becomes: from an approval the first edge is its `approve`
 * edge and the second its `reject` edge; from an exclusive branch the first is the default
 * (later ones need a condition, set in the edge panel).
 */
export function edgeForConnection(
  flow: FlowDefinition,
  sourceId: string,
  targetId: string,
  id: string,
): FlowEdge {
  const source = flow.nodes.find((n) => n.id === sourceId);
  const outgoing = flow.edges.filter((e) => e.source === sourceId);
  const edge: FlowEdge = { id, source: sourceId, target: targetId };
  if (source && hasOutcomes(source)) {
    edge.outcome = outgoing.some((e) => e.outcome === 'approve') ? 'reject' : 'approve';
  }
  if (source?.type === 'exclusive' && !outgoing.some((e) => e.isDefault === true)) {
    edge.isDefault = true;
  }
  return edge;
}
