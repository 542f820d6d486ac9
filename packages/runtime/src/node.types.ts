import type { FlowEdge, I18nText, JsonValue } from '@liuyun/definitions';
import type {
  Clock,
  Directory,
  Effect,
  InstanceOutcome,
  InstanceState,
  PendingTimer,
  TaskActionEvent,
  Token,
} from './types';

export type { TaskActionEvent } from './types';

/** What the lifecycle needs of a node; built-in nodes are `FlowNode`s. */
export interface RuntimeNode {
  id: string;
  type: string;
  name?: I18nText;
  settings: unknown;
}

/** How a node lets its token go on. The lifecycle carries it out. */
export type NodeOutcome =
  /** Move along one edge, or fork one token per edge. `result` is kept in the path. */
  | { kind: 'advance'; edges: readonly FlowEdge[]; result?: string }
  /** The token waits here for an event (a task action, a timer, a child flow). */
  | { kind: 'wait' }
  /** The token is absorbed here (a join still waiting for other branches). */
  | { kind: 'absorb'; result?: string }
  /** The instance cannot go on: it fails with an incident carrying this code. */
  | { kind: 'fail'; code: string; message: string }
  /** The instance ends with this outcome; every other token and open task goes. */
  | { kind: 'end'; outcome: 'approved' | 'rejected'; result?: string }
  /**
   * Back to an earlier node on the path (a `return` action): other branches are removed
   * and the node is entered again. Throws `invalid_return_target` when it is no target.
   */
  | { kind: 'return'; toNodeId: string; resubmitTo: 'flow' | 'returner' };

/** A child flow's end, as given to `onSubprocessCompleted`. */
export interface SubprocessCompletion {
  tokenId: string;
  outcome: InstanceOutcome;
}

/** What a node may see and do while its token is on it. */
export interface NodeContext<N extends RuntimeNode = RuntimeNode> {
  readonly node: N;
  /** The token on the node (the lifecycle moves it; nodes read it). */
  readonly token: Readonly<Token>;
  /**
   * The working copy of the state: nodes may change `record`, `approvals`, `joins` and
   * `timers` (through `scheduleTimer`).
   */
  readonly state: InstanceState;
  readonly directory: Directory;
  readonly clock: Clock;
  /** Edges leaving the node, in definition order. */
  outgoing(): readonly FlowEdge[];
  /** Edges entering the node, in definition order. */
  incoming(): readonly FlowEdge[];
  /** The flow's start node id (deadlines that auto-return go there). */
  startNodeId(): string | undefined;
  emit(effect: Effect): void;
  /** Adds a timer for this token and node to the state and emits `scheduleTimer`. */
  scheduleTimer(kind: PendingTimer['kind'], dueAt: string): PendingTimer;
  /**
   * Evaluates a rule held by a definition object (compiled once per `owner` and `slot`).
   * Throws when the rule is invalid or exceeds its limits.
   */
  evaluate(owner: object, slot: string, rule: JsonValue, data: JsonValue): JsonValue;
}

/**
 * A node type: a tiny object registered by its `type` string. `enter` runs when a token
 * arrives; the other hooks when an event concerns a token waiting on the node.
 */
export interface NodeHandler<N extends RuntimeNode = RuntimeNode> {
  readonly type: string;
  /** JSON Schema of the node's `settings` (from @liuyun/definitions for built-in nodes). */
  readonly settingsSchema?: object;
  enter(ctx: NodeContext<N>): NodeOutcome;
  /** A task action on one of the node's open tasks. */
  resume?(ctx: NodeContext<N>, event: TaskActionEvent): NodeOutcome;
  /** One of the node's timers is due (already removed from `state.timers`). */
  onTimer?(ctx: NodeContext<N>, timer: PendingTimer): NodeOutcome;
  /** The child flow the node started has ended. */
  onSubprocessCompleted?(ctx: NodeContext<N>, completion: SubprocessCompletion): NodeOutcome;
}
