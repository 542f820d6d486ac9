import type { JsonObject } from '@liuyun/definitions';
import type { ApprovalProgress, InstanceState, Participant } from './types';

/**
 * The state of a new instance. The record is copied one level deep: the runtime only ever
 * replaces top-level fields (record.merge.ts), so nested values are shared, never written.
 */
export function startState(record: JsonObject, submitterId: string): InstanceState {
  return {
    status: 'running',
    submitterId,
    record: { ...record },
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

/** A copy of a task group the step may change (its participants are written in place). */
function progressCopy(progress: ApprovalProgress): ApprovalProgress {
  return {
    ...progress,
    tasks: { ...progress.tasks },
    approvedBy: progress.approvedBy.slice(),
    participants: progress.participants.map((p) => ({ ...p })),
  };
}

/**
 * A working copy of a saved state, with the fields added since it was saved filled in
 * (instances started by an older runtime keep running).
 *
 * Copy on write, not a deep clone: the step writes tokens, task groups and the join
 * counters in place, so those are copied; the lists it only appends to or filters
 * (path, timers, returns) are copied shallowly, and their entries are replaced, never
 * written (`noteResult` copies the path entry it marks). The record is shared until a
 * patch replaces it with a merged copy. The saved state is never written, and the new
 * state shares what did not change with it.
 */
export function workingCopy(saved: InstanceState): InstanceState {
  const old = saved as InstanceState & Partial<InstanceState>;
  // The same literal shape as `startState`: the step adds `outcome` or `error` to it.
  const state: InstanceState = {
    status: saved.status,
    submitterId: saved.submitterId,
    record: saved.record,
    tokens: saved.tokens.map((token) => ({ ...token })),
    approvals: (saved.approvals as LegacyProgress[]).map((progress) =>
      progress.participants
        ? progressCopy(progress as ApprovalProgress)
        : upgradeProgress(structuredClone(progress)),
    ),
    joins: { ...saved.joins },
    timers: old.timers ? old.timers.slice() : [],
    returns: old.returns ? old.returns.slice() : [],
    acted: old.acted ?? false,
    path: saved.path.slice(),
    seq: saved.seq,
    steps: saved.steps,
  };
  if (saved.outcome !== undefined) state.outcome = saved.outcome;
  if (saved.error !== undefined) state.error = saved.error;
  return state;
}
