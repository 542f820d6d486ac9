import { followOnlyEdge } from '../node.outcomes';
import { bindSource, evaluateRuleMap } from '../rule.map';
import { defineNode } from './define-node';

/**
 * Creates or updates records of another form: evaluates the `set` rules on this record and
 * emits `upsertRecords` (the host writes them in the same transaction), with the `match`
 * filter's `$source.` variables replaced by this record's values. Goes straight on.
 */
export const createRecordNode = defineNode('create_record', {
  enter(ctx) {
    const { settings } = ctx.node;
    const values = evaluateRuleMap(ctx, settings.set, 'field');
    if ('failure' in values) return values.failure;
    ctx.emit({
      type: 'upsertRecords',
      nodeId: ctx.node.id,
      activation: ctx.token.activation,
      idempotencyKey: `${ctx.node.id}:${ctx.token.activation}`,
      form: settings.form,
      mode: settings.mode,
      ...(settings.match === undefined
        ? {}
        : { match: bindSource(settings.match, ctx.state.record) }),
      values: values.values,
    });
    return followOnlyEdge(ctx);
  },
});
