import { fail, followOnlyEdge } from '../node.outcomes';
import { resolveAssignees } from '../tasks/assignees.resolve';
import { defineNode } from './define-node';

/**
 * CC (抄送): a read-only task (`kind: 'cc'`) for each resolved recipient, then straight on.
 * CC tasks take no action and are not kept in the state; the host closes them when read.
 */
export const ccNode = defineNode('cc', {
  enter(ctx) {
    let recipients: string[];
    try {
      recipients = resolveAssignees(ctx.node.settings.recipients, ctx.directory, ctx.state);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail('assignee_resolution_failed', `recipients of "${ctx.node.id}": ${detail}`);
    }
    for (const assigneeId of recipients) {
      ctx.emit({
        type: 'createTask',
        taskKey: `${ctx.node.id}:${ctx.token.activation}:${assigneeId}`,
        nodeId: ctx.node.id,
        tokenId: ctx.token.id,
        assigneeId,
        activation: ctx.token.activation,
        kind: 'cc',
      });
    }
    return followOnlyEdge(ctx);
  },
});
