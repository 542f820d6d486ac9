import { followOnlyEdgeWith } from '../node.outcomes';
import { durationMs } from '../timers';
import { defineNode, type BuiltInNode } from './define-node';

type WaitContext = Parameters<BuiltInNode<'wait'>['enter']>[0];

/** When the wait is over, or undefined when the date field holds no date. */
function dueAtOf(ctx: WaitContext): number | undefined {
  const { duration, untilField, offset } = ctx.node.settings;
  const now = Date.parse(ctx.clock.now());
  if (untilField === undefined) return now + durationMs(duration);
  const value = Object.prototype.hasOwnProperty.call(ctx.state.record, untilField)
    ? ctx.state.record[untilField]
    : undefined;
  const date = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : date + durationMs(offset);
}

/**
 * Wait (timer): for a duration (wall-clock), or until a date field of the record plus an
 * offset. Schedules a timer and waits for `timer_fired`; a moment already past (or a date
 * field without a date) goes straight on.
 */
export const waitNode = defineNode('wait', {
  enter(ctx) {
    const due = dueAtOf(ctx);
    if (due === undefined) return followOnlyEdgeWith(ctx, 'no_date');
    if (due <= Date.parse(ctx.clock.now())) return followOnlyEdgeWith(ctx, 'already_due');
    ctx.scheduleTimer('wait', new Date(due).toISOString());
    return { kind: 'wait' };
  },
  onTimer: (ctx) => followOnlyEdgeWith(ctx, 'elapsed'),
});
