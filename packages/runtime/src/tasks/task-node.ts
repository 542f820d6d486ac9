import type { ApprovalSettings, FillSettings, I18nText } from '@liuyun/definitions';
import { fail } from '../node.outcomes';
import type { NodeContext, NodeOutcome, TaskActionEvent } from '../node.types';
import { RuntimeError } from '../runtime.error';
import { afterWorkingHours } from '../timers';
import { SYSTEM_USER, type ApprovalProgress, type PendingTimer } from '../types';
import { resolveAssignees } from './assignees.resolve';
import { actOnTask, type TaskNodeRules } from './task-actions';
import {
  closeTaskGroup,
  findOpenTask,
  openTask,
  openTaskKeys,
  progressOfToken,
  startTaskGroup,
} from './task-group';

/** Settings of a node that hands tasks to people (approval and fill-in). */
export type TaskSettings = ApprovalSettings | FillSettings;

/** What a task node (approval, fill-in) tells the shared task code. */
export interface TaskNodeSpec extends TaskNodeRules {
  kind: 'approval' | 'fill';
  settings: TaskSettings;
  /** Leaves as if approved, with this result in the path (empty policy `skip`, `auto_approve`). */
  onApproved(result?: string): NodeOutcome;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function quorumOf(settings: TaskSettings, count: number): number | undefined {
  if (settings.mode !== 'quorum' || !('quorum' in settings) || !settings.quorum) return undefined;
  const { quorum } = settings;
  return 'count' in quorum ? quorum.count : Math.ceil(quorum.ratio * count - 1e-9);
}

/**
 * Enters a task node: resolves the assignees (the empty policy decides when nobody
 * resolves), starts their tasks per mode, and schedules the deadline and its reminder.
 */
export function enterTaskNode(ctx: NodeContext, spec: TaskNodeSpec): NodeOutcome {
  const { settings } = spec;
  let assignees: string[];
  try {
    assignees = resolveAssignees(settings.assignees, ctx.directory, ctx.state);
  } catch (error) {
    return fail(
      'assignee_resolution_failed',
      `assignees of "${ctx.node.id}" could not be resolved: ${errorText(error)}`,
    );
  }
  let origin: 'admin' | undefined;
  if (assignees.length === 0) {
    const policy = settings.emptyPolicy ?? 'error';
    if (policy === 'skip') return spec.onApproved('skipped');
    if (policy === 'admin') {
      assignees = [...new Set(ctx.directory.admins?.() ?? [])];
      origin = 'admin';
    }
  }
  if (assignees.length === 0) {
    // The token waits (it can still be withdrawn); never a silent end.
    ctx.emit({
      type: 'incident',
      code: 'no_assignee',
      message: `${spec.kind} "${ctx.node.id}" resolved to no one`,
      nodeId: ctx.node.id,
    });
    return { kind: 'wait' };
  }
  const quorum = quorumOf(settings, assignees.length);
  startTaskGroup(ctx.state, ctx.emit, {
    tokenId: ctx.token.id,
    nodeId: ctx.node.id,
    activation: ctx.token.activation,
    kind: spec.kind,
    mode: settings.mode,
    assignees,
    ...(quorum === undefined ? {} : { required: quorum }),
    ...(origin ? { origin } : {}),
  });
  const { deadline } = settings;
  if (deadline) {
    if (deadline.remindBeforeHours !== undefined && deadline.remindBeforeHours < deadline.hours)
      ctx.scheduleTimer(
        'remind',
        afterWorkingHours(ctx.clock, deadline.hours - deadline.remindBeforeHours),
      );
    ctx.scheduleTimer('deadline', afterWorkingHours(ctx.clock, deadline.hours));
  }
  return { kind: 'wait' };
}

/** A task action on one of the node's open tasks. */
export function resumeTaskNode(
  ctx: NodeContext,
  event: TaskActionEvent,
  spec: TaskNodeSpec,
): NodeOutcome {
  const found = findOpenTask(ctx.state, event.taskKey);
  if (!found || found.progress.tokenId !== ctx.token.id)
    throw new RuntimeError('task_not_open', `task "${event.taskKey}" is not open`);
  return actOnTask(ctx, found.progress, found.index, event, spec);
}

function nodeLabel(ctx: NodeContext): I18nText {
  return ctx.node.name ?? { zh: ctx.node.id, en: ctx.node.id };
}

/** Notifies the holders of the open tasks: soon due (`remind`) or overdue (`deadline`). */
function remindHolders(
  ctx: NodeContext,
  progress: ApprovalProgress,
  timer: PendingTimer,
  reason: 'remind' | 'deadline',
): void {
  const recipients = [
    ...new Set(progress.participants.filter((p) => p.status === 'open').map((p) => p.userId)),
  ];
  if (recipients.length === 0) return;
  const name = nodeLabel(ctx);
  ctx.emit({
    type: 'notify',
    nodeId: ctx.node.id,
    activation: ctx.token.activation,
    idempotencyKey: timer.timerKey,
    recipients,
    message:
      reason === 'remind'
        ? { zh: `「${name.zh}」的任务即将到期`, en: `The task "${name.en}" is due soon` }
        : { zh: `「${name.zh}」的任务已超时`, en: `The task "${name.en}" is overdue` },
    reason,
  });
}

/** Gives the escalation approvers their tasks (their decision decides the node). */
function escalate(ctx: NodeContext, progress: ApprovalProgress, spec: TaskNodeSpec): void {
  const target = spec.settings.deadline?.escalateTo;
  let users: string[] = [];
  try {
    users = target ? resolveAssignees([target], ctx.directory, ctx.state) : [];
  } catch (error) {
    users = [];
    ctx.emit({
      type: 'incident',
      code: 'assignee_resolution_failed',
      message: `escalation of "${ctx.node.id}" could not be resolved: ${errorText(error)}`,
      nodeId: ctx.node.id,
    });
    return;
  }
  const fresh = users.filter(
    (id) => !progress.participants.some((p) => p.userId === id && p.status === 'open'),
  );
  if (fresh.length === 0) {
    ctx.emit({
      type: 'incident',
      code: 'no_assignee',
      message: `the deadline of "${ctx.node.id}" escalates to no one new`,
      nodeId: ctx.node.id,
    });
    return;
  }
  for (const userId of fresh) {
    progress.participants.push({ userId, role: 'escalation', status: 'waiting' });
    openTask(ctx.emit, progress, progress.participants.length - 1, 'escalation');
  }
}

/**
 * A deadline timer of a task node: a reminder before it, or the deadline's action —
 * remind, escalate, approve (submit) as the system, or return to the start as the system.
 */
export function onTaskNodeTimer(
  ctx: NodeContext,
  timer: PendingTimer,
  spec: TaskNodeSpec,
): NodeOutcome {
  const progress = progressOfToken(ctx.state, ctx.token.id);
  const deadline = spec.settings.deadline;
  if (!progress || !deadline) return { kind: 'wait' };
  if (timer.kind === 'remind') {
    remindHolders(ctx, progress, timer, 'remind');
    return { kind: 'wait' };
  }
  switch (deadline.action) {
    case 'remind':
      remindHolders(ctx, progress, timer, 'deadline');
      return { kind: 'wait' };
    case 'escalate':
      escalate(ctx, progress, spec);
      return { kind: 'wait' };
    case 'auto_approve': {
      const action = spec.kind === 'fill' ? 'submit' : 'approve';
      for (const taskKey of openTaskKeys(progress))
        ctx.emit({ type: 'completeTask', taskKey, action, userId: SYSTEM_USER });
      progress.participants.forEach((p) => {
        if (p.status === 'open') p.status = 'approved';
      });
      closeTaskGroup(ctx.state, ctx.emit, progress, 'auto_approved');
      return spec.onApproved(`auto_${action}`);
    }
    case 'auto_return': {
      const startId = ctx.startNodeId();
      if (startId === undefined) return fail('no_start', 'the flow has no start to return to');
      closeTaskGroup(ctx.state, ctx.emit, progress, 'auto_returned');
      return { kind: 'return', toNodeId: startId, resubmitTo: spec.resubmitTo ?? 'flow' };
    }
  }
}
