import type { FlowEdge } from '@liuyun/definitions';
import type { NodeContext, NodeOutcome } from './node.types';

/** Fails the instance with an incident. */
export function fail(code: string, message: string): NodeOutcome {
  return { kind: 'fail', code, message };
}

/** Moves along one edge, remembering which one in the path. */
export function advanceAlong(edge: FlowEdge, result?: string): NodeOutcome {
  return result === undefined
    ? { kind: 'advance', edges: [edge] }
    : { kind: 'advance', edges: [edge], result };
}

/** Moves along the node's only outgoing edge (start, update_record, join). */
export function followOnlyEdge(ctx: NodeContext): NodeOutcome {
  const out = ctx.outgoing();
  const [edge] = out;
  if (!edge) return fail('dead_end', `node "${ctx.node.id}" has no outgoing edge`);
  if (out.length > 1)
    return fail(
      'ambiguous_edge',
      `node "${ctx.node.id}" has ${out.length} outgoing edges, expected one`,
    );
  return advanceAlong(edge);
}

/**
 * Leaves by the edge of a decision (approval, waiting sub-process): `approve` needs its
 * edge; a `reject` without one ends the instance as rejected.
 */
export function followOutcome(
  ctx: NodeContext,
  outcome: 'approve' | 'reject',
  result: string = outcome,
): NodeOutcome {
  const edge = ctx.outgoing().find((candidate) => candidate.outcome === outcome);
  if (edge) return advanceAlong(edge, result);
  if (outcome === 'reject') return { kind: 'end', outcome: 'rejected', result };
  return fail('no_approve_edge', `node "${ctx.node.id}" has no "approve" edge`);
}

/** Like `followOnlyEdge`, remembering `result` in the path. */
export function followOnlyEdgeWith(ctx: NodeContext, result: string): NodeOutcome {
  const outcome = followOnlyEdge(ctx);
  return outcome.kind === 'advance' ? { ...outcome, result } : outcome;
}
