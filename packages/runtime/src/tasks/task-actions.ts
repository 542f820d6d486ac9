import type { OptionalTaskAction } from '@liuyun/definitions';
import type { NodeContext, NodeOutcome } from '../node.types';
import { RuntimeError } from '../runtime.error';
import type { ApprovalProgress, TaskAction, TaskActionEvent } from '../types';
import { closeTaskGroup, continueTaskGroup, openTask, verdictOf, type Emit } from './task-group';

/** How a task node leaves once its group is decided, and what it allows. */
export interface TaskNodeRules {
  /** The group was approved (or submitted). */
  onApproved(): NodeOutcome;
  /** The group was rejected. */
  onRejected(): NodeOutcome;
  allowedActions?: readonly OptionalTaskAction[];
  resubmitTo?: 'flow' | 'returner';
}

/** The actions each kind of task takes (`comment` and `save_draft` never reach the runtime). */
const ACTIONS_BY_KIND: Record<ApprovalProgress['kind'], readonly TaskAction[]> = {
  approval: ['approve', 'reject', 'return', 'transfer', 'add_signer'],
  fill: ['submit', 'return', 'transfer'],
  resubmit: ['submit'],
};

const OPTIONAL: readonly string[] = ['return', 'transfer', 'add_signer'];

function refuse(message: string): never {
  throw new RuntimeError('action_not_allowed', message);
}

function checkAllowed(progress: ApprovalProgress, event: TaskActionEvent, rules: TaskNodeRules) {
  if (!ACTIONS_BY_KIND[progress.kind].includes(event.action))
    refuse(`a ${progress.kind} task does not take "${event.action}"`);
  const allowed = rules.allowedActions;
  if (allowed && OPTIONAL.includes(event.action) && !allowed.some((a) => a === event.action))
    refuse(`node "${progress.nodeId}" does not allow "${event.action}"`);
}

/** Whether a user holds (or waits for) a task in the group. */
function isActive(progress: ApprovalProgress, userId: string): boolean {
  return progress.participants.some(
    (p) =>
      p.userId === userId && (p.status === 'open' || p.status === 'held' || p.status === 'waiting'),
  );
}

/** Settles the group after an action: leaves the node, or keeps waiting. */
export function settleTaskGroup(
  ctx: NodeContext,
  progress: ApprovalProgress,
  rules: TaskNodeRules,
): NodeOutcome {
  const verdict = verdictOf(progress);
  if (verdict === 'rejected') {
    closeTaskGroup(ctx.state, ctx.emit, progress, 'rejected');
    return rules.onRejected();
  }
  if (verdict === 'approved') {
    closeTaskGroup(ctx.state, ctx.emit, progress, 'decided_by_other');
    return rules.onApproved();
  }
  continueTaskGroup(ctx.emit, progress);
  return { kind: 'wait' };
}

/** `before` signers of `index` all approved: the blocked participant's task reopens. */
function reopenIfUnblocked(emit: Emit, progress: ApprovalProgress, blocked: number): void {
  const blockers = progress.participants.filter((p) => p.role === 'before' && p.blocks === blocked);
  if (
    blockers.every((p) => p.status === 'approved') &&
    progress.participants[blocked]?.status === 'held'
  )
    openTask(emit, progress, blocked, 'reopen');
}

/**
 * Applies a task action to participant `index` of the group: approve / submit, reject,
 * transfer, add signers before or after, or return to an earlier node. Throws
 * `action_not_allowed` when the action does not apply.
 */
export function actOnTask(
  ctx: NodeContext,
  progress: ApprovalProgress,
  index: number,
  event: TaskActionEvent,
  rules: TaskNodeRules,
): NodeOutcome {
  checkAllowed(progress, event, rules);
  const participant = progress.participants[index];
  if (!participant) refuse(`task "${event.taskKey}" has no holder`);
  const complete = () =>
    ctx.emit({
      type: 'completeTask',
      taskKey: event.taskKey,
      action: event.action,
      userId: event.userId,
    });
  switch (event.action) {
    case 'approve':
    case 'submit':
      complete();
      participant.status = 'approved';
      if (participant.role === 'assignee') progress.approvedBy.push(participant.userId);
      if (participant.role === 'before' && participant.blocks !== undefined)
        reopenIfUnblocked(ctx.emit, progress, participant.blocks);
      break;
    case 'reject':
      complete();
      participant.status = 'rejected';
      break;
    case 'transfer': {
      if (event.toUserId === participant.userId || isActive(progress, event.toUserId))
        refuse(`"${event.toUserId}" already holds a task here`);
      complete();
      participant.userId = event.toUserId;
      openTask(ctx.emit, progress, index, 'transfer');
      break;
    }
    case 'add_signer': {
      const signers = [...new Set(event.userIds)].filter((id) => !isActive(progress, id));
      if (signers.length === 0) refuse('add_signer needs someone who holds no task here yet');
      complete();
      if (event.position === 'before') {
        participant.status = 'held';
      } else {
        participant.status = 'approved';
        if (participant.role === 'assignee') progress.approvedBy.push(participant.userId);
      }
      const role = event.position;
      for (const userId of signers) {
        progress.participants.push({
          userId,
          role,
          status: 'waiting',
          ...(role === 'before' ? { blocks: index } : {}),
        });
        openTask(ctx.emit, progress, progress.participants.length - 1, 'add_signer');
      }
      break;
    }
    case 'return':
      complete();
      participant.status = 'cancelled';
      closeTaskGroup(ctx.state, ctx.emit, progress, 'returned');
      return { kind: 'return', toNodeId: event.toNodeId, resubmitTo: rules.resubmitTo ?? 'flow' };
  }
  return settleTaskGroup(ctx, progress, rules);
}
