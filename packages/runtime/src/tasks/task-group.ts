import type { ApprovalProgress, Effect, InstanceState, Participant } from '../types';

/** Emits one effect (the lifecycle's or a node context's `emit`). */
export type Emit = (effect: Effect) => void;

/** How a task group stands after an action. */
export type Verdict = 'approved' | 'rejected' | 'pending';

/** What a task group needs to start. */
export interface TaskGroupSpec {
  tokenId: string;
  nodeId: string;
  activation: number;
  kind: ApprovalProgress['kind'];
  mode: ApprovalProgress['mode'];
  /** Approvals needed under `quorum` (ignored by the other modes). */
  required?: number;
  assignees: readonly string[];
  origin?: 'admin';
}

/** `<nodeId>:<activation>:<userId>`, then `:2`, `:3`… for the same user's later tasks. */
function newTaskKey(progress: ApprovalProgress, userId: string): string {
  const base = `${progress.nodeId}:${progress.activation}:${userId}`;
  const taken = (key: string) => Object.prototype.hasOwnProperty.call(progress.tasks, key);
  if (!taken(base)) return base;
  let n = 2;
  while (taken(`${base}:${n}`)) n += 1;
  return `${base}:${n}`;
}

/** Gives participant `index` a new open task and emits `createTask`. */
export function openTask(
  emit: Emit,
  progress: ApprovalProgress,
  index: number,
  origin?: 'transfer' | 'add_signer' | 'escalation' | 'admin' | 'reopen',
): void {
  const participant = progress.participants[index];
  if (!participant) return;
  const taskKey = newTaskKey(progress, participant.userId);
  progress.tasks[taskKey] = participant.userId;
  participant.taskKey = taskKey;
  participant.status = 'open';
  emit({
    type: 'createTask',
    taskKey,
    nodeId: progress.nodeId,
    tokenId: progress.tokenId,
    assigneeId: participant.userId,
    activation: progress.activation,
    kind: progress.kind,
    ...(origin ? { origin } : {}),
  });
}

/** Approvals needed among `count` assignees. */
function requiredFor(mode: ApprovalProgress['mode'], count: number, quorum?: number): number {
  if (mode === 'any') return Math.min(1, count);
  if (mode === 'quorum') return Math.max(1, Math.min(count, quorum ?? count));
  return count;
}

/**
 * Starts the tasks of a node activation: one per assignee, all at once, or the first only
 * under `sequential` (依次). Adds the progress to the state.
 */
export function startTaskGroup(
  state: InstanceState,
  emit: Emit,
  spec: TaskGroupSpec,
): ApprovalProgress {
  const progress: ApprovalProgress = {
    tokenId: spec.tokenId,
    nodeId: spec.nodeId,
    activation: spec.activation,
    kind: spec.kind,
    mode: spec.mode,
    required: requiredFor(spec.mode, spec.assignees.length, spec.required),
    tasks: {},
    approvedBy: [],
    participants: spec.assignees.map((userId) => ({
      userId,
      role: 'assignee',
      status: 'waiting',
    })),
  };
  state.approvals.push(progress);
  const first =
    spec.mode === 'sequential' ? progress.participants.slice(0, 1) : progress.participants;
  first.forEach((_, index) => openTask(emit, progress, index, spec.origin));
  return progress;
}

/** The progress of the tasks a token waits on at its node. */
export function progressOfToken(
  state: InstanceState,
  tokenId: string,
): ApprovalProgress | undefined {
  return state.approvals.find((progress) => progress.tokenId === tokenId);
}

/** The progress holding an open task with this key, and the participant's index. */
export function findOpenTask(
  state: InstanceState,
  taskKey: string,
): { progress: ApprovalProgress; index: number } | undefined {
  for (const progress of state.approvals) {
    const index = progress.participants.findIndex(
      (p) => p.status === 'open' && p.taskKey === taskKey,
    );
    if (index >= 0) return { progress, index };
  }
  return undefined;
}

const isMain = (p: Participant) => p.role === 'assignee';

/** Whether the assignees have decided positively (signers after them may still be asked). */
export function assigneesApproved(progress: ApprovalProgress): boolean {
  const approved = progress.participants.filter((p) => isMain(p) && p.status === 'approved').length;
  const mains = progress.participants.filter(isMain).length;
  if (progress.mode === 'any' || progress.mode === 'quorum') return approved >= progress.required;
  return approved === mains;
}

/**
 * The group's verdict. An escalation approver decides alone; any signer's reject rejects;
 * assignees reject per mode (any/all/sequential: one reject; quorum: once the quorum can no
 * longer be reached); approval needs the assignees' mode satisfied and every `after`
 * signer's approval.
 */
export function verdictOf(progress: ApprovalProgress): Verdict {
  const { participants } = progress;
  const escalation = participants.filter((p) => p.role === 'escalation');
  if (escalation.some((p) => p.status === 'rejected')) return 'rejected';
  if (escalation.some((p) => p.status === 'approved')) return 'approved';
  if (participants.some((p) => !isMain(p) && p.status === 'rejected')) return 'rejected';
  const mains = participants.filter(isMain);
  const approved = mains.filter((p) => p.status === 'approved').length;
  const rejected = mains.filter((p) => p.status === 'rejected').length;
  if (progress.mode === 'quorum') {
    if (mains.length - rejected < progress.required) return 'rejected';
  } else if (rejected > 0) {
    return 'rejected';
  }
  if (!assigneesApproved(progress)) return 'pending';
  const afterPending = participants.some((p) => p.role === 'after' && p.status !== 'approved');
  return afterPending || approved === 0 ? 'pending' : 'approved';
}

/** Keys of the group's open tasks. */
export function openTaskKeys(progress: ApprovalProgress): string[] {
  return progress.participants.flatMap((p) =>
    p.status === 'open' && p.taskKey !== undefined ? [p.taskKey] : [],
  );
}

/** Cancels every open task of the group and removes it from the state. */
export function closeTaskGroup(
  state: InstanceState,
  emit: Emit,
  progress: ApprovalProgress,
  reason: string,
): void {
  for (const taskKey of openTaskKeys(progress)) emit({ type: 'cancelTask', taskKey, reason });
  state.approvals = state.approvals.filter((candidate) => candidate !== progress);
}

/**
 * After a decision that did not settle the group: once the assignees decided, the tasks
 * of the other assignees (and of signers before them) are no longer needed; under
 * `sequential`, the next assignee is asked once nobody else holds a task.
 */
export function continueTaskGroup(emit: Emit, progress: ApprovalProgress): void {
  const { participants } = progress;
  if (assigneesApproved(progress)) {
    participants.forEach((p) => {
      if (p.role === 'after' || p.role === 'escalation') return;
      if (p.status === 'open' && p.taskKey !== undefined)
        emit({ type: 'cancelTask', taskKey: p.taskKey, reason: 'decided_by_other' });
      if (p.status === 'open' || p.status === 'held' || p.status === 'waiting')
        p.status = 'cancelled';
    });
    return;
  }
  if (progress.mode !== 'sequential') return;
  if (participants.some((p) => p.status === 'open' || p.status === 'held')) return;
  const next = participants.findIndex((p) => isMain(p) && p.status === 'waiting');
  if (next >= 0) openTask(emit, progress, next);
}
