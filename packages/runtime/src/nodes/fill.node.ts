import { fail, followOnlyEdgeWith } from '../node.outcomes';
import {
  enterTaskNode,
  onTaskNodeTimer,
  resumeTaskNode,
  type TaskNodeSpec,
} from '../tasks/task-node';
import { defineNode, type BuiltInNode } from './define-node';

type FillContext = Parameters<BuiltInNode<'fill'>['enter']>[0];

function specOf(ctx: FillContext): TaskNodeSpec {
  const { settings } = ctx.node;
  return {
    kind: 'fill',
    settings,
    onApproved: (result = 'submit') => followOnlyEdgeWith(ctx, result),
    // A fill-in takes no reject; a signer could only reject if one were ever added.
    onRejected: () => fail('fill_rejected', `fill-in "${ctx.node.id}" cannot be rejected`),
    ...(settings.allowedActions ? { allowedActions: settings.allowedActions } : {}),
    ...(settings.resubmitTo ? { resubmitTo: settings.resubmitTo } : {}),
  };
}

/**
 * The fill-in (填写): the assignees edit the fields their permissions allow and submit (the
 * host checks `fieldPermissions`; the submitted `data` is merged into the record). Modes
 * `any`, `all` and `sequential` as for approvals; it leaves by its only edge.
 */
export const fillNode = defineNode('fill', {
  enter: (ctx) => enterTaskNode(ctx, specOf(ctx)),
  resume: (ctx, event) => resumeTaskNode(ctx, event, specOf(ctx)),
  onTimer: (ctx, timer) => onTaskNodeTimer(ctx, timer, specOf(ctx)),
});
