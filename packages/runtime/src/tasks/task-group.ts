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
  const { tasks } = progress;
  if (!Object.prototype.hasOwnProperty.call(tasks, base)) return base;
  let n = 2;
  while (Object.prototype.hasOwnProperty.call(tasks, `${base}:${n}`)) n += 1;
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

/** Assignees, and how many of them approved and rejected (one pass, no arrays). */
function countMains(progress: ApprovalProgress): {
  mains: number;
  approved: number;
  rejected: number;
} {
  let mains = 0;
  let approved = 0;
  let rejected = 0;
  for (const p of progress.participants) {
    if (!isMain(p)) continue;
    mains += 1;
    if (p.status === 'approved') approved += 1;
    else if (p.status === 'rejected') rejected += 1;
  }
  return { mains, approved, rejected };
}

function modeSatisfied(progress: ApprovalProgress, mains: number, approved: number): boolean {
  if (progress.mode === 'any' || progress.mode === 'quorum') return approved >= progress.required;
  return approved === mains;
}

/** Whether the assignees have decided positively (signers after them may still be asked). */
export function assigneesApproved(progress: ApprovalProgress): boolean {
  const { mains, approved } = countMains(progress);
  return modeSatisfied(progress, mains, approved);
}

/**
 * The group's verdict. An escalation approver decides alone; any signer's reject rejects;
 * assignees reject per mode (any/all/sequential: one reject; quorum: once the quorum can no
 * longer be reached); approval needs the assignees' mode satisfied and every `after`
 * signer's approval.
 */
export function verdictOf(progress: ApprovalProgress): Verdict {
  const { participants } = progress;
  let escalationApproved = false;
  let signerRejected = false;
  let afterPending = false;
  for (const p of participants) {
    if (p.role === 'escalation') {
      if (p.status === 'rejected') return 'rejected';
      if (p.status === 'approved') escalationApproved = true;
    } else if (!isMain(p)) {
      if (p.status === 'rejected') signerRejected = true;
      if (p.role === 'after' && p.status !== 'approved') afterPending = true;
    }
  }
  if (escalationApproved) return 'approved';
  if (signerRejected) return 'rejected';
  const { mains, approved, rejected } = countMains(progress);
  if (progress.mode === 'quorum') {
    if (mains - rejected < progress.required) return 'rejected';
  } else if (rejected > 0) {
    return 'rejected';
  }
  if (!modeSatisfied(progress, mains, approved)) return 'pending';
  return afterPending || approved === 0 ? 'pending' : 'approved';
}

/** Keys of the group's open tasks. */
export function openTaskKeys(progress: ApprovalProgress): string[] {
  const keys: string[] = [];
  for (const p of progress.participants)
    if (p.status === 'open' && p.taskKey !== undefined) keys.push(p.taskKey);
  return keys;
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
