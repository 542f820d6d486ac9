import { followOnlyEdge } from '../node.outcomes';
import { defineNode } from './define-node';

/**
 * The parallel join: absorbs arriving tokens until one per incoming edge has arrived (as
 * many as the matching split had branches), then continues with the last one.
 */
export const parallelJoinNode = defineNode('parallel_join', {
  enter(ctx) {
    const id = ctx.node.id;
    const arrived = (ctx.state.joins[id] ?? 0) + 1;
    if (arrived < ctx.incoming().length) {
      ctx.state.joins[id] = arrived;
      return { kind: 'absorb', result: `waiting ${arrived}/${ctx.incoming().length}` };
    }
    delete ctx.state.joins[id];
    return followOnlyEdge(ctx);
  },
});
