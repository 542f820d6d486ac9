import type { JsonObject } from '@liuyun/definitions';
import type { ApprovalProgress, InstanceState, Participant } from './types';

/** The state of a new instance. */
export function startState(record: JsonObject, submitterId: string): InstanceState {
  return {
    status: 'running',
    submitterId,
    record: structuredClone(record),
    tokens: [],
    approvals: [],
    joins: {},
    timers: [],
    returns: [],
    acted: false,
    path: [],
    seq: 1,
    steps: 0,
  };
}

/** Progress saved before participants existed: `{ tokenId, nodeId, mode, tasks, approvedBy }`. */
type LegacyProgress = Omit<ApprovalProgress, 'participants' | 'activation' | 'kind' | 'required'> &
  Partial<ApprovalProgress>;

function upgradeProgress(progress: LegacyProgress): ApprovalProgress {
  if (progress.participants) return progress as ApprovalProgress;
  const participants: Participant[] = Object.entries(progress.tasks).map(([taskKey, userId]) => ({
    userId,
    role: 'assignee',
    status: progress.approvedBy.includes(userId) ? 'approved' : 'open',
    taskKey,
  }));
  const activation = Number(Object.keys(progress.tasks)[0]?.split(':')[1] ?? 0);
  return {
    ...progress,
    activation: Number.isFinite(activation) ? activation : 0,
    kind: 'approval',
    required: progress.mode === 'any' ? 1 : participants.length,
    participants,
  };
}

/**
 * A working copy of a saved state, with the fields added since it was saved filled in
 * (instances started by an older runtime keep running).
 */
export function workingCopy(saved: InstanceState): InstanceState {
  const state = structuredClone(saved) as InstanceState & Partial<InstanceState>;
  state.timers ??= [];
  state.returns ??= [];
  state.acted ??= false;
  state.approvals = (state.approvals as LegacyProgress[]).map(upgradeProgress);
  return state;
}
