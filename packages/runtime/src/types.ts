import type { AssigneeSpec, FlowDefinition, JsonObject, JsonValue } from '@liuyun/definitions';

/**
 * The interpreter's contract. `step(definition, state, event, clock, directory)` is a
 * pure function: it reads nothing but its arguments and returns the new state plus the
 * effects the host must carry out (in the same transaction as saving the state, or
 * through the outbox for external ones). The host owns all storage.
 */

export interface Clock {
  /** Current time as an ISO-8601 string. */
  now(): string;
}

/**
 * Resolves assignee specs to user ids. The host builds it from a snapshot of users,
 * departments and roles; simulation builds it from sample data. Pure lookups only.
 */
export interface Directory {
  resolve(spec: AssigneeSpec, ctx: { submitterId: string }): string[];
}

export interface Token {
  id: string;
  nodeId: string;
  /** Counts entries into nodes for this instance: part of idempotency keys. */
  activation: number;
  status: 'active' | 'waiting';
}

/** An approval in progress at one token. */
export interface ApprovalProgress {
  tokenId: string;
  nodeId: string;
  mode: 'any' | 'all';
  /** Task key → assignee user id. */
  tasks: Record<string, string>;
  approvedBy: string[];
}

export interface PathEntry {
  nodeId: string;
  at: string;
  /** How the node was left: the decision of an approval, the edge of a branch. */
  result?: string;
}

export interface InstanceState {
  status: 'running' | 'completed' | 'failed';
  outcome?: 'approved' | 'rejected';
  submitterId: string;
  /** The record's data as the flow sees it (kept in step with `updateRecord` effects). */
  record: JsonObject;
  tokens: Token[];
  approvals: ApprovalProgress[];
  /** Join node id → ids of the split branches that have arrived. */
  joins: Record<string, number>;
  /** Every node entered, in order, with the time: drawn as the path taken. */
  path: PathEntry[];
  /** Next number for token ids, task keys and activations; keeps ids deterministic. */
  seq: number;
  /** Steps taken in total; a runaway loop is cut at the step budget. */
  steps: number;
  error?: { code: string; message: string; nodeId?: string };
}

export type RuntimeEvent =
  | { type: 'start'; record: JsonObject; submitterId: string }
  | {
      type: 'task_action';
      taskKey: string;
      action: 'approve' | 'reject';
      userId: string;
      comment?: string;
      /** Field changes made with the decision (already permission-checked by the host). */
      data?: JsonObject;
    };

export type Effect =
  | {
      type: 'createTask';
      taskKey: string;
      nodeId: string;
      tokenId: string;
      assigneeId: string;
      activation: number;
    }
  | { type: 'cancelTask'; taskKey: string; reason: string }
  | { type: 'completeTask'; taskKey: string; action: 'approve' | 'reject'; userId: string }
  | { type: 'updateRecord'; nodeId: string; activation: number; patch: Record<string, JsonValue> }
  | { type: 'instanceEnded'; outcome: 'approved' | 'rejected' }
  | { type: 'incident'; code: string; message: string; nodeId?: string };

export interface StepResult {
  state: InstanceState;
  effects: Effect[];
}

export type StepFn = (
  definition: FlowDefinition,
  state: InstanceState | null,
  event: RuntimeEvent,
  clock: Clock,
  directory: Directory,
) => StepResult;
