import { defineNode } from './define-node';

/**
 * The end node ends the whole instance with its outcome. Reached while other parallel
 * tokens still wait, it cancels their tasks and removes them too (a terminating end):
 * a decision at one end is final, and no task is left open for an instance that is over.
 */
export const endNode = defineNode('end', {
  enter: (ctx) => ({ kind: 'end', outcome: ctx.node.settings.outcome }),
});
