import { isTruthy } from '@liuyun/logic';
import type { FlowEdge } from '@liuyun/definitions';
import { advanceAlong, fail } from '../node.outcomes';
import { defineNode } from './define-node';

function byPriority(a: FlowEdge, b: FlowEdge): number {
  return (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER);
}

/**
 * The exclusive branch: the first edge (by ascending `priority`, then definition order)
 * whose condition holds on the record; else the default edge; else the instance fails.
 */
export const exclusiveNode = defineNode('exclusive', {
  enter(ctx) {
    const edges = [...ctx.outgoing()].sort(byPriority);
    for (const edge of edges) {
      if (edge.isDefault === true || edge.condition === undefined) continue;
      let holds: boolean;
      try {
        holds = isTruthy(ctx.evaluate(edge, 'condition', edge.condition, ctx.state.record));
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return fail('rule_failed', `the condition of edge "${edge.id}" failed: ${detail}`);
      }
      if (holds) return advanceAlong(edge, edge.id);
    }
    const fallback = edges.find((edge) => edge.isDefault === true);
    if (fallback) return advanceAlong(fallback, fallback.id);
    return fail(
      'no_branch_matched',
      `no condition of branch "${ctx.node.id}" holds and it has no default edge`,
    );
  },
});
