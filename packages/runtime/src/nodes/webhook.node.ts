import { followOnlyEdge } from '../node.outcomes';
import { evaluateRuleMap } from '../rule.map';
import { defineNode } from './define-node';

/**
 * Webhook: evaluates the body rules on the record and emits `callWebhook` with the
 * idempotency key `<nodeId>:<activation>` (the host prefixes the instance id; the outbox
 * delivers at least once), then goes straight on.
 */
export const webhookNode = defineNode('webhook', {
  enter(ctx) {
    const { settings } = ctx.node;
    const body = evaluateRuleMap(ctx, settings.body, 'body key');
    if ('failure' in body) return body.failure;
    ctx.emit({
      type: 'callWebhook',
      nodeId: ctx.node.id,
      activation: ctx.token.activation,
      idempotencyKey: `${ctx.node.id}:${ctx.token.activation}`,
      url: settings.url,
      method: settings.method,
      headers: { ...settings.headers },
      body: body.values,
    });
    return followOnlyEdge(ctx);
  },
});
