import { renderMessage } from '../message.render';
import { fail, followOnlyEdge } from '../node.outcomes';
import { resolveAssignees } from '../tasks/assignees.resolve';
import { defineNode } from './define-node';

/**
 * Notify: resolves the recipients, fills the message's `{{field}}` placeholders from the
 * record and emits `notify` (the outbox delivers it, at least once), then goes straight on.
 * Nobody to notify raises a `no_recipient` incident and goes on.
 */
export const notifyNode = defineNode('notify', {
  enter(ctx) {
    const { settings } = ctx.node;
    let recipients: string[];
    try {
      recipients = resolveAssignees(settings.recipients, ctx.directory, ctx.state);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail('assignee_resolution_failed', `recipients of "${ctx.node.id}": ${detail}`);
    }
    if (recipients.length === 0) {
      ctx.emit({
        type: 'incident',
        code: 'no_recipient',
        message: `notify "${ctx.node.id}" resolved to no one`,
        nodeId: ctx.node.id,
      });
      return followOnlyEdge(ctx);
    }
    ctx.emit({
      type: 'notify',
      nodeId: ctx.node.id,
      activation: ctx.token.activation,
      idempotencyKey: `${ctx.node.id}:${ctx.token.activation}`,
      recipients,
      message: renderMessage(settings.message, ctx.state.record),
      ...(settings.channels ? { channels: [...settings.channels] } : {}),
      reason: 'node',
    });
    return followOnlyEdge(ctx);
  },
});
