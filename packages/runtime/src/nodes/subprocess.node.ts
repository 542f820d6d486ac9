import { followOnlyEdge, followOutcome } from '../node.outcomes';
import { evaluateRuleMap } from '../rule.map';
import { defineNode } from './define-node';

/**
 * Sub-process: evaluates the child record's `data` and emits `startSubprocess`. With
 * `waitForOutcome` the token waits for `subprocess_completed` and leaves by the `approve`
 * edge when the child was approved, else by the `reject` edge (none: ends rejected);
 * without it, it goes straight on.
 */
export const subprocessNode = defineNode('subprocess', {
  enter(ctx) {
    const { settings } = ctx.node;
    const data = evaluateRuleMap(ctx, settings.data, 'field');
    if ('failure' in data) return data.failure;
    ctx.emit({
      type: 'startSubprocess',
      nodeId: ctx.node.id,
      tokenId: ctx.token.id,
      activation: ctx.token.activation,
      idempotencyKey: `${ctx.node.id}:${ctx.token.activation}`,
      form: settings.form,
      data: data.values,
      waitForOutcome: settings.waitForOutcome,
    });
    return settings.waitForOutcome ? { kind: 'wait' } : followOnlyEdge(ctx);
  },
  onSubprocessCompleted(ctx, completion) {
    return completion.outcome === 'approved'
      ? followOutcome(ctx, 'approve', 'approved')
      : followOutcome(ctx, 'reject', completion.outcome);
  },
});
