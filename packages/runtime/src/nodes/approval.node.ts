import type { ApprovalProgress, Effect } from '../types';
import type { NodeContext, NodeOutcome, TaskActionEvent } from '../node.types';
import { advanceAlong, fail } from '../node.outcomes';
import { defineNode, type BuiltInNode } from './define-node';

type ApprovalContext = Parameters<BuiltInNode<'approval'>['enter']>[0];

function resolveAssignees(ctx: ApprovalContext): string[] {
  const ids: string[] = [];
  for (const spec of ctx.node.settings.assignees) {
    for (const id of ctx.directory.resolve(spec, { submitterId: ctx.state.submitterId })) {
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

function progressOf(ctx: NodeContext, tokenId: string): ApprovalProgress | undefined {
  return ctx.state.approvals.find((a) => a.tokenId === tokenId);
}

/** Task keys of the approval still waiting for a decision, except `skip`. */
function openTaskKeys(progress: ApprovalProgress, skip: string): string[] {
  return Object.entries(progress.tasks)
    .filter(([key, assignee]) => key !== skip && !progress.approvedBy.includes(assignee))
    .map(([key]) => key);
}

function close(
  ctx: NodeContext,
  progress: ApprovalProgress,
  actedKey: string,
  reason: string,
): void {
  for (const taskKey of openTaskKeys(progress, actedKey)) {
    ctx.emit({ type: 'cancelTask', taskKey, reason });
  }
  ctx.state.approvals = ctx.state.approvals.filter((a) => a !== progress);
}

/**
 * The approval: one task per resolved assignee (deduplicated). `any` (或签): the first
 * decision wins. `all` (会签): it advances once every task is approved; one reject
 * rejects. A reject follows the `reject` edge, or ends the instance as rejected.
 */
export const approvalNode = defineNode('approval', {
  enter(ctx) {
    let assignees: string[];
    try {
      assignees = resolveAssignees(ctx);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail(
        'assignee_resolution_failed',
        `assignees of "${ctx.node.id}" could not be resolved: ${detail}`,
      );
    }
    if (assignees.length === 0) {
      // The token waits so that someone can fix the directory and reassign; never a silent end.
      ctx.emit({
        type: 'incident',
        code: 'no_assignee',
        message: `approval "${ctx.node.id}" resolved to no one`,
        nodeId: ctx.node.id,
      });
      return { kind: 'wait' };
    }
    const { token } = ctx;
    const tasks: Record<string, string> = {};
    const created: Effect[] = assignees.map((assigneeId) => {
      const taskKey = `${ctx.node.id}:${token.activation}:${assigneeId}`;
      tasks[taskKey] = assigneeId;
      return {
        type: 'createTask',
        taskKey,
        nodeId: ctx.node.id,
        tokenId: token.id,
        assigneeId,
        activation: token.activation,
      };
    });
    ctx.state.approvals.push({
      tokenId: token.id,
      nodeId: ctx.node.id,
      mode: ctx.node.settings.mode,
      tasks,
      approvedBy: [],
    });
    created.forEach((effect) => ctx.emit(effect));
    return { kind: 'wait' };
  },

  resume(ctx, event: TaskActionEvent): NodeOutcome {
    const progress = progressOf(ctx, ctx.token.id);
    const assignee = progress?.tasks[event.taskKey];
    if (!progress || assignee === undefined) return { kind: 'wait' };
    ctx.emit({
      type: 'completeTask',
      taskKey: event.taskKey,
      action: event.action,
      userId: event.userId,
    });
    const out = ctx.outgoing();
    if (event.action === 'reject') {
      close(ctx, progress, event.taskKey, 'rejected');
      const rejectEdge = out.find((edge) => edge.outcome === 'reject');
      return rejectEdge
        ? advanceAlong(rejectEdge, 'reject')
        : { kind: 'end', outcome: 'rejected', result: 'reject' };
    }
    progress.approvedBy.push(assignee);
    if (progress.mode === 'all' && openTaskKeys(progress, event.taskKey).length > 0)
      return { kind: 'wait' };
    close(ctx, progress, event.taskKey, 'decided_by_other');
    const approveEdge = out.find((edge) => edge.outcome === 'approve');
    if (!approveEdge)
      return fail('no_approve_edge', `approval "${ctx.node.id}" has no "approve" edge`);
    return advanceAlong(approveEdge, 'approve');
  },
});
