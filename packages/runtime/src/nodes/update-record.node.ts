import type { JsonValue } from '@liuyun/definitions';
import { fail, followOnlyEdge } from '../node.outcomes';
import { isWritableKey, mergedRecord } from '../record.merge';
import { defineNode } from './define-node';

/**
 * Sets record fields: each `set` rule is evaluated against the record as it was when the
 * token arrived (literals are rules too), then the patch is applied and emitted.
 */
export const updateRecordNode = defineNode('update_record', {
  enter(ctx) {
    const { set } = ctx.node.settings;
    const patch: Record<string, JsonValue> = {};
    for (const [key, rule] of Object.entries(set)) {
      if (!isWritableKey(key)) continue;
      try {
        patch[key] = ctx.evaluate(set, key, rule, ctx.state.record);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return fail('rule_failed', `the rule setting "${key}" failed: ${detail}`);
      }
    }
    ctx.state.record = mergedRecord(ctx.state.record, patch);
    ctx.emit({
      type: 'updateRecord',
      nodeId: ctx.node.id,
      activation: ctx.token.activation,
      patch,
    });
    return followOnlyEdge(ctx);
  },
});
