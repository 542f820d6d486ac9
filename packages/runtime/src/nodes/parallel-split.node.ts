import { fail } from '../node.outcomes';
import { defineNode } from './define-node';

/** The parallel split: one token per outgoing edge (the arriving token takes the first). */
export const parallelSplitNode = defineNode('parallel_split', {
  enter(ctx) {
    const edges = ctx.outgoing();
    if (edges.length === 0) return fail('dead_end', `split "${ctx.node.id}" has no outgoing edge`);
    return { kind: 'advance', edges };
  },
});
