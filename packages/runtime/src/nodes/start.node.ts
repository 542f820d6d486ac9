import { followOnlyEdge } from '../node.outcomes';
import { defineNode } from './define-node';

/** The start node: the token passes straight through. */
export const startNode = defineNode('start', {
  enter: (ctx) => followOnlyEdge(ctx),
});
