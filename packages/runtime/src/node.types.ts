import type { FlowEdge, I18nText, JsonValue } from '@liuyun/definitions';
import type { Clock, Directory, Effect, InstanceState, RuntimeEvent, Token } from './types';

/** What the lifecycle needs of a node; built-in nodes are `FlowNode`s. */
export interface RuntimeNode {
  id: string;
  type: string;
  name?: I18nText;
  settings: unknown;
}

/** A decision on a task, as given to `resume`. */
export type TaskActionEvent = Extract<RuntimeEvent, { type: 'task_action' }>;

/** How a node lets its token go on. The lifecycle carries it out. */
export type NodeOutcome =
  /** Move along one edge, or fork one token per edge. `result` is kept in the path. */
  | { kind: 'advance'; edges: readonly FlowEdge[]; result?: string }
  /** The token waits here for an event (a task decision). */
  | { kind: 'wait' }
  /** The token is absorbed here (a join still waiting for other branches). */
  | { kind: 'absorb'; result?: string }
  /** The instance cannot go on: it fails with an incident carrying this code. */
  | { kind: 'fail'; code: string; message: string }
  /** The instance ends with this outcome; every other token and open task goes. */
  | { kind: 'end'; outcome: 'approved' | 'rejected'; result?: string };

/** What a node may see and do while its token is on it. */
export interface NodeContext<N extends RuntimeNode = RuntimeNode> {
  readonly node: N;
  /** The token on the node (the lifecycle moves it; nodes read it). */
  readonly token: Readonly<Token>;
  /** The working copy of the state: nodes may change `record`, `approvals` and `joins`. */
  readonly state: InstanceState;
  readonly directory: Directory;
  readonly clock: Clock;
  /** Edges leaving the node, in definition order. */
  outgoing(): readonly FlowEdge[];
  /** Edges entering the node, in definition order. */
  incoming(): readonly FlowEdge[];
  emit(effect: Effect): void;
  /**
   * Evaluates a rule held by a definition object (compiled once per `owner` and `slot`).
   * Throws when the rule is invalid or exceeds its limits.
   */
  evaluate(owner: object, slot: string, rule: JsonValue, data: JsonValue): JsonValue;
}

/**
 * A node type: a tiny object registered by its `type` string. `enter` runs when a token
 * arrives; `resume` when an event concerns a token waiting on the node.
 */
export interface NodeHandler<N extends RuntimeNode = RuntimeNode> {
  readonly type: string;
  /** JSON Schema of the node's `settings` (from @liuyun/definitions for built-in nodes). */
  readonly settingsSchema?: object;
  enter(ctx: NodeContext<N>): NodeOutcome;
  resume?(ctx: NodeContext<N>, event: TaskActionEvent): NodeOutcome;
}
