import type {
  AssigneeSpec,
  FlowDefinition,
  I18nText,
  JsonObject,
  JsonValue,
  NotifyChannel,
} from '@liuyun/definitions';

/**
 * The interpreter's contract. `step(definition, state, event, clock, directory)` is a
 * pure function: it reads nothing but its arguments and returns the new state plus the
 * effects the host must carry out (in the same transaction as saving the state, or
 * through the outbox for external ones). The host owns all storage.
 */

/**
 * The business calendar: working hours, weekends, holidays and make-up work days. The
 * host builds it from the admins' calendar; `src/calendar/` has a 24x7 one (the default)
 * and a weekday 9–18 one.
 */
export interface BusinessCalendar {
  /** The instant `hours` working hours after `fromIso` (ISO-8601 in, ISO-8601 out). */
  addWorkingHours(fromIso: string, hours: number): string;
}

export interface Clock {
  /** Current time as an ISO-8601 string. */
  now(): string;
  /** Counts deadlines in working hours; 24x7 when absent. */
  calendar?: BusinessCalendar;
}

/** The assignee kinds a Directory resolves (`field` is read from the record by the runtime). */
export type DirectoryAssigneeSpec = Exclude<AssigneeSpec, { kind: 'field' }>;

/**
 * Resolves assignee specs to user ids. The host builds it from a snapshot of users,
 * departments and roles; simulation builds it from sample data. Pure lookups only.
 */
export interface Directory {
  resolve(spec: DirectoryAssigneeSpec, ctx: { submitterId: string }): string[];
  /**
   * The users who take a task nobody resolved to, under `emptyPolicy: 'admin'` (the app's
   * admins). Absent or empty: the node raises `no_assignee` as under `error`.
   */
  admins?(): string[];
}

export interface Token {
  id: string;
  nodeId: string;
  /** Counts entries into nodes for this instance: part of idempotency keys. */
  activation: number;
  status: 'active' | 'waiting';
}

/** What a task asks of its holder. `cc` tasks are read-only and never tracked in the state. */
export type TaskKind = 'approval' | 'fill' | 'resubmit' | 'cc';

/** Why a participant holds a task at a node. */
export type ParticipantRole =
  /** One of the node's resolved assignees (or who they transferred to). */
  | 'assignee'
  /** Added before someone (加签 前): approves before that person's task reopens. */
  | 'before'
  /** Added after someone (加签 后): approves before the node completes. */
  | 'after'
  /** Given the task at the deadline (`escalate`): their decision decides the node. */
  | 'escalation';

export interface Participant {
  userId: string;
  role: ParticipantRole;
  /**
   * `waiting`: not asked yet (sequential); `open`: holds an open task; `held`: added
   * signers before themselves and waits for them; `approved` / `rejected`: decided
   * (`approved` also means submitted, for fill-ins); `cancelled`: no longer needed.
   */
  status: 'waiting' | 'open' | 'held' | 'approved' | 'rejected' | 'cancelled';
  /** The participant's current (or last) task key. */
  taskKey?: string;
  /** For `before` signers: the index of the participant whose task reopens after them. */
  blocks?: number;
}

/** The tasks of one node activation (approval, fill-in, or a resubmission at the start). */
export interface ApprovalProgress {
  tokenId: string;
  nodeId: string;
  /** The node activation the tasks belong to. */
  activation: number;
  kind: 'approval' | 'fill' | 'resubmit';
  mode: 'any' | 'all' | 'sequential' | 'quorum';
  /** Approvals of assignees needed (`quorum`; for the other modes derived from `mode`). */
  required: number;
  /** Every task key created for this activation → its holder's user id. */
  tasks: Record<string, string>;
  /** Assignees whose approval (or submission) counts, in order of their decisions. */
  approvedBy: string[];
  participants: Participant[];
}

/** A timer the host must fire at `dueAt` with a `timer_fired` event. */
export interface PendingTimer {
  /** `<nodeId>:<activation>:<kind>`; the host prefixes the instance id. */
  timerKey: string;
  /** `wait`: a wait node; `deadline`: a task node's deadline; `remind`: the reminder before it. */
  kind: 'wait' | 'deadline' | 'remind';
  nodeId: string;
  tokenId: string;
  activation: number;
  dueAt: string;
}

/** A return in progress: the token went back to `toNodeId`; it came from `fromNodeId`. */
export interface ReturnMark {
  tokenId: string;
  toNodeId: string;
  fromNodeId: string;
  /** `returner`: once `toNodeId` is done again, go straight back to `fromNodeId`. */
  resubmitTo: 'flow' | 'returner';
}

export interface PathEntry {
  nodeId: string;
  at: string;
  /** How the node was left: the decision of an approval, the edge of a branch. */
  result?: string;
  /** The token that entered, and the activation it got (new entries always carry both). */
  tokenId?: string;
  activation?: number;
  /** Entered while parallel branches were open (such a node is no return target). */
  parallel?: true;
}

/** How an instance ended: an end node's outcome, or withdrawn by the submitter. */
export type InstanceOutcome = 'approved' | 'rejected' | 'withdrawn';

export interface InstanceState {
  status: 'running' | 'completed' | 'failed';
  outcome?: InstanceOutcome;
  submitterId: string;
  /** The record's data as the flow sees it (kept in step with `updateRecord` effects). */
  record: JsonObject;
  tokens: Token[];
  /** Task progress per waiting task node (approval, fill-in, resubmission). */
  approvals: ApprovalProgress[];
  /** Join node id → tokens that have arrived. */
  joins: Record<string, number>;
  /** Timers scheduled and not yet fired or cancelled. */
  timers: PendingTimer[];
  /** Returns whose target has not been completed again yet. */
  returns: ReturnMark[];
  /** Whether anyone acted on a task (for `withdrawPolicy: 'until_acted'`). */
  acted: boolean;
  /** Every node entered, in order, with the time: drawn as the path taken. */
  path: PathEntry[];
  /** Next number for token ids, task keys and activations; keeps ids deterministic. */
  seq: number;
  /** Steps taken in total; a runaway loop is cut at the step budget. */
  steps: number;
  error?: { code: string; message: string; nodeId?: string };
}

/** Fields every task action carries. */
interface TaskActionBase {
  type: 'task_action';
  taskKey: string;
  /** Who acts (the host checked they hold the task). */
  userId: string;
  comment?: string;
  /** Field changes made with the action (already permission-checked by the host). */
  data?: JsonObject;
}

/** An action on an open task. `comment` and `save_draft` never reach the runtime. */
export type TaskActionEvent =
  | (TaskActionBase & { action: 'approve' | 'reject' | 'submit' })
  /** Back to an earlier node on the path, which is entered again. */
  | (TaskActionBase & { action: 'return'; toNodeId: string })
  /** The task moves to another user (same node, same token). */
  | (TaskActionBase & { action: 'transfer'; toUserId: string })
  /** 加签: more people approve, before the actor's task reopens or after their approval. */
  | (TaskActionBase & { action: 'add_signer'; userIds: string[]; position: 'before' | 'after' });

/** Every task action name. */
export type TaskAction = TaskActionEvent['action'];

export type RuntimeEvent =
  | { type: 'start'; record: JsonObject; submitterId: string }
  | TaskActionEvent
  /** A timer of `state.timers` is due. */
  | { type: 'timer_fired'; timerKey: string }
  /** The child flow started by a `startSubprocess` effect ended. */
  | { type: 'subprocess_completed'; tokenId: string; outcome: InstanceOutcome }
  /** The submitter withdraws the instance (checked against the flow's `withdrawPolicy`). */
  | { type: 'withdraw'; userId: string };

/** The user id the runtime acts as (deadlines that auto-approve or auto-return). */
export const SYSTEM_USER = 'system';

export type Effect =
  | {
      type: 'createTask';
      taskKey: string;
      nodeId: string;
      tokenId: string;
      assigneeId: string;
      activation: number;
      kind: TaskKind;
      /** How the task came about when not from the node's assignees. */
      origin?: 'transfer' | 'add_signer' | 'escalation' | 'admin' | 'reopen';
    }
  | { type: 'cancelTask'; taskKey: string; reason: string }
  | {
      type: 'completeTask';
      taskKey: string;
      action: TaskAction;
      /** Who acted; `SYSTEM_USER` for deadline actions. */
      userId: string;
    }
  | { type: 'updateRecord'; nodeId: string; activation: number; patch: Record<string, JsonValue> }
  | { type: 'instanceEnded'; outcome: InstanceOutcome }
  | { type: 'incident'; code: string; message: string; nodeId?: string }
  | ({ type: 'scheduleTimer' } & PendingTimer)
  | { type: 'cancelTimer'; timerKey: string; reason: string }
  | {
      type: 'upsertRecords';
      nodeId: string;
      activation: number;
      /** `<nodeId>:<activation>`; the host prefixes the instance id. */
      idempotencyKey: string;
      form: string;
      mode: 'create' | 'update' | 'upsert';
      /** Filter over target records, `$source.` variables already replaced by values. */
      match?: JsonValue;
      values: Record<string, JsonValue>;
    }
  | {
      type: 'notify';
      nodeId: string;
      activation: number;
      idempotencyKey: string;
      /** Resolved user ids, deduplicated. */
      recipients: string[];
      /** The message with `{{field}}` placeholders filled in. */
      message: I18nText;
      channels?: NotifyChannel[];
      /** `node`: a notify node; `remind` / `deadline`: a task node's deadline. */
      reason: 'node' | 'remind' | 'deadline';
    }
  | {
      type: 'callWebhook';
      nodeId: string;
      activation: number;
      idempotencyKey: string;
      url: string;
      method: 'POST' | 'PUT';
      headers: Record<string, string>;
      body: Record<string, JsonValue>;
    }
  | {
      type: 'startSubprocess';
      nodeId: string;
      tokenId: string;
      activation: number;
      idempotencyKey: string;
      form: string;
      data: Record<string, JsonValue>;
      /** When true, answer with `subprocess_completed { tokenId, outcome }`. */
      waitForOutcome: boolean;
    };

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
