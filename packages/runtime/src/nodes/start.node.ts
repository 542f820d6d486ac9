import { followOnlyEdge, followOnlyEdgeWith, fail } from '../node.outcomes';
import { RuntimeError } from '../runtime.error';
import { actOnTask, type TaskNodeRules } from '../tasks/task-actions';
import { findOpenTask, startTaskGroup } from '../tasks/task-group';
import { defineNode, type BuiltInNode } from './define-node';

type StartContext = Parameters<BuiltInNode<'start'>['enter']>[0];

function rulesOf(ctx: StartContext): TaskNodeRules {
  return {
    onApproved: () => followOnlyEdgeWith(ctx, 'resubmit'),
    onRejected: () => fail('resubmit_rejected', 'a resubmission cannot be rejected'),
  };
}

/**
 * The start node: the token passes straight through, whatever the trigger (the host
 * decides when to start). Returned to (a `return` action), it gives the submitter a
 * `resubmit` task instead and goes on once they submit.
 */
export const startNode = defineNode('start', {
  enter(ctx) {
    const returned = ctx.state.returns.some(
      (mark) => mark.tokenId === ctx.token.id && mark.toNodeId === ctx.node.id,
    );
    if (!returned) return followOnlyEdge(ctx);
    startTaskGroup(ctx.state, ctx.emit, {
      tokenId: ctx.token.id,
      nodeId: ctx.node.id,
      activation: ctx.token.activation,
      kind: 'resubmit',
      mode: 'any',
      assignees: [ctx.state.submitterId],
    });
    return { kind: 'wait' };
  },
  resume(ctx, event) {
    const found = findOpenTask(ctx.state, event.taskKey);
    if (!found || found.progress.tokenId !== ctx.token.id)
      throw new RuntimeError('task_not_open', `task "${event.taskKey}" is not open`);
    return actOnTask(ctx, found.progress, found.index, event, rulesOf(ctx));
  },
});
