import { followOutcome } from '../node.outcomes';
import {
  enterTaskNode,
  onTaskNodeTimer,
  resumeTaskNode,
  type TaskNodeSpec,
} from '../tasks/task-node';
import { defineNode, type BuiltInNode } from './define-node';

type ApprovalContext = Parameters<BuiltInNode<'approval'>['enter']>[0];

function specOf(ctx: ApprovalContext): TaskNodeSpec {
  const { settings } = ctx.node;
  return {
    kind: 'approval',
    settings,
    onApproved: (result = 'approve') => followOutcome(ctx, 'approve', result),
    onRejected: () => followOutcome(ctx, 'reject'),
    ...(settings.allowedActions ? { allowedActions: settings.allowedActions } : {}),
    ...(settings.resubmitTo ? { resubmitTo: settings.resubmitTo } : {}),
  };
}

/**
 * The approval (审批): one task per resolved assignee (deduplicated) — all at once, or one
 * at a time under `sequential` (依次). `any` (或签): the first decision decides. `all` (会签):
 * everyone approves; one reject rejects. `quorum`: a count or ratio of approvals; it rejects
 * once the quorum can no longer be reached. Signers added after someone must approve too.
 * It leaves by the `approve` edge, or the `reject` edge (none: the instance ends rejected).
 * Return, transfer and add-signer are shared with fill-ins (`tasks/task-actions.ts`).
 */
export const approvalNode = defineNode('approval', {
  enter: (ctx) => enterTaskNode(ctx, specOf(ctx)),
  resume: (ctx, event) => resumeTaskNode(ctx, event, specOf(ctx)),
  onTimer: (ctx, timer) => onTaskNodeTimer(ctx, timer, specOf(ctx)),
});
