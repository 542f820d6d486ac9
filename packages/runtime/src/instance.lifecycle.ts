import type { FlowDefinition, FlowEdge, JsonValue, WithdrawPolicy } from '@liuyun/definitions';
import { indexFlow, type FlowIndex } from './flow.index';
import { startState, workingCopy } from './instance.state';
import type { NodeContext, NodeHandler, NodeOutcome, RuntimeNode } from './node.types';
import type { NodeRegistry } from './node.registry';
import { mergedRecord, safePatch } from './record.merge';
import { evaluateRule } from './rule.cache';
import { RuntimeError } from './runtime.error';
import { closeTaskGroup, findOpenTask, openTaskKeys, progressOfToken } from './tasks/task-group';
import { cancelTimersOf } from './timers';
import type {
  Clock,
  Directory,
  Effect,
  InstanceOutcome,
  InstanceState,
  PathEntry,
  PendingTimer,
  StepFn,
  StepResult,
  TaskActionEvent,
  Token,
} from './types';

/** Node entries allowed in one step; a loop without a wait is cut here. */
export const STEP_BUDGET = 1_000;

/** The withdraw policy when a flow sets none. */
export const DEFAULT_WITHDRAW_POLICY: WithdrawPolicy = 'until_acted';

/** A copy of a path entry with how the node was left (the same key order as new entries). */
function withResult(entry: PathEntry, result: string): PathEntry {
  const next: PathEntry = { nodeId: entry.nodeId, at: entry.at };
  if (entry.tokenId !== undefined) next.tokenId = entry.tokenId;
  if (entry.activation !== undefined) next.activation = entry.activation;
  if (entry.parallel !== undefined) next.parallel = entry.parallel;
  next.result = result;
  return next;
}

const NO_EDGES: readonly FlowEdge[] = [];

function hasKeys(object: object): boolean {
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) return true;
  return false;
}

/**
 * What a node sees while its token is on it: one small object per node entry, its
 * methods on the prototype (a step enters many nodes; closures per entry add up).
 */
class RunContext implements NodeContext {
  constructor(
    private readonly run: InstanceRun,
    readonly node: RuntimeNode,
    readonly token: Token,
  ) {}

  get state(): InstanceState {
    return this.run.state;
  }
  get directory(): Directory {
    return this.run.directory;
  }
  get clock(): Clock {
    return this.run.clock;
  }
  get emit(): (effect: Effect) => void {
    return this.run.emit;
  }
  outgoing(): readonly FlowEdge[] {
    return this.run.flow.outgoing.get(this.node.id) ?? NO_EDGES;
  }
  incoming(): readonly FlowEdge[] {
    return this.run.flow.incoming.get(this.node.id) ?? NO_EDGES;
  }
  startNodeId(): string | undefined {
    return this.run.flow.startId;
  }
  scheduleTimer(kind: PendingTimer['kind'], dueAt: string): PendingTimer {
    return this.run.scheduleTimer(this.node, this.token, kind, dueAt);
  }
  evaluate(owner: object, slot: string, rule: JsonValue, data: JsonValue): JsonValue {
    return evaluateRule(owner, slot, rule, data);
  }
}

/**
 * One call of `step`: a working copy of the state, the effects so far, and the shared
 * lifecycle (enter a node, carry out its outcome, move tokens along edges, returns,
 * timers, the end) that every node type relies on.
 */
class InstanceRun {
  readonly effects: Effect[] = [];
  private entries = 0;
  readonly emit = (effect: Effect): void => {
    this.effects.push(effect);
  };

  constructor(
    readonly flow: FlowIndex,
    private readonly registry: NodeRegistry,
    readonly state: InstanceState,
    readonly clock: Clock,
    readonly directory: Directory,
  ) {}

  private nextSeq(): number {
    const seq = this.state.seq;
    this.state.seq += 1;
    return seq;
  }

  newToken(nodeId: string): Token {
    const token: Token = { id: `tk${this.nextSeq()}`, nodeId, activation: 0, status: 'active' };
    this.state.tokens.push(token);
    return token;
  }

  private context(node: RuntimeNode, token: Token): NodeContext {
    return new RunContext(this, node, token);
  }

  /** Adds a timer for the token at its node and emits `scheduleTimer`. */
  scheduleTimer(node: RuntimeNode, token: Token, kind: PendingTimer['kind'], dueAt: string) {
    const timer: PendingTimer = {
      timerKey: `${node.id}:${token.activation}:${kind}`,
      kind,
      nodeId: node.id,
      tokenId: token.id,
      activation: token.activation,
      dueAt,
    };
    this.state.timers.push(timer);
    this.emit({ type: 'scheduleTimer', ...timer });
    return timer;
  }

  /** Runs active tokens until every token waits or is gone, or the instance stops. */
  drain(): void {
    while (this.state.status === 'running') {
      const token = this.state.tokens.find((t) => t.status === 'active');
      if (!token) return;
      if (this.entries >= STEP_BUDGET) {
        this.fail(
          'step_budget_exceeded',
          `more than ${STEP_BUDGET} nodes entered in one step (a loop without a wait?)`,
          token.nodeId,
        );
        return;
      }
      this.enter(token);
    }
  }

  private enter(token: Token): void {
    const node = this.flow.nodes.get(token.nodeId);
    const handler = node && this.registry.get(node.type);
    if (!node || !handler) {
      const what = node ? `node type "${node.type}"` : `node "${token.nodeId}"`;
      this.fail(node ? 'unknown_node_type' : 'unknown_node', `unknown ${what}`, token.nodeId);
      return;
    }
    this.entries += 1;
    this.state.steps += 1;
    token.activation = this.nextSeq();
    this.state.path.push({
      nodeId: node.id,
      at: this.clock.now(),
      tokenId: token.id,
      activation: token.activation,
      // Inside parallel branches: more tokens, or a join still counting arrivals.
      ...(this.state.tokens.length > 1 || hasKeys(this.state.joins)
        ? { parallel: true as const }
        : {}),
    });
    this.apply(token, handler.enter(this.context(node, token)));
  }

  /** The token leaves its node: its timers and any task left open there go. */
  private leave(token: Token, reason: string): void {
    cancelTimersOf(this.state, this.emit, token.id, reason);
    const progress = progressOfToken(this.state, token.id);
    if (progress) closeTaskGroup(this.state, this.emit, progress, reason);
  }

  /** Carries out a node's outcome for the token on it. */
  apply(token: Token, outcome: NodeOutcome): void {
    switch (outcome.kind) {
      case 'wait':
        token.status = 'waiting';
        return;
      case 'absorb':
        this.noteResult(token.nodeId, outcome.result);
        this.leave(token, 'node_left');
        this.state.returns = this.state.returns.filter((mark) => mark.tokenId !== token.id);
        this.state.tokens = this.state.tokens.filter((t) => t !== token);
        return;
      case 'fail':
        this.fail(outcome.code, outcome.message, token.nodeId);
        return;
      case 'end':
        this.noteResult(token.nodeId, outcome.result);
        this.endInstance(outcome.outcome, 'instance_ended');
        return;
      case 'return':
        this.returnTo(token, outcome.toNodeId, outcome.resubmitTo);
        return;
      case 'advance': {
        const [first, ...others] = outcome.edges;
        if (!first) {
          this.fail('dead_end', `node "${token.nodeId}" has nowhere to go`, token.nodeId);
          return;
        }
        this.noteResult(token.nodeId, outcome.result);
        this.leave(token, 'node_left');
        const straightBack = this.takeReturnMark(token, outcome.result);
        for (const edge of straightBack ? [] : others) this.newToken(edge.target);
        token.nodeId = straightBack ?? first.target;
        token.status = 'active';
        return;
      }
    }
  }

  /**
   * The token leaves a node it was returned to: the return is over. Answers the node to go
   * straight back to when the returner asked for it (not after a reject).
   */
  private takeReturnMark(token: Token, result: string | undefined): string | undefined {
    const mark = this.state.returns.find(
      (m) => m.tokenId === token.id && m.toNodeId === token.nodeId,
    );
    if (!mark) return undefined;
    this.state.returns = this.state.returns.filter((m) => m !== mark);
    return mark.resubmitTo === 'returner' && result !== 'reject' ? mark.fromNodeId : undefined;
  }

  /**
   * Sends the token back to an earlier node on the path, entered while no parallel
   * branches were open; every other token (and its tasks and timers) goes.
   */
  private returnTo(token: Token, toNodeId: string, resubmitTo: 'flow' | 'returner'): void {
    const fromNodeId = token.nodeId;
    const target = [...this.state.path]
      .reverse()
      .find(
        (entry) =>
          entry.nodeId === toNodeId &&
          (entry.activation === undefined || entry.activation < token.activation),
      );
    if (toNodeId === fromNodeId || !target || target.parallel === true) {
      throw new RuntimeError(
        'invalid_return_target',
        `"${toNodeId}" is not an earlier node on the path outside parallel branches`,
      );
    }
    this.noteResult(fromNodeId, 'return');
    this.leave(token, 'returned');
    for (const other of this.state.tokens.filter((t) => t !== token)) this.leave(other, 'returned');
    this.state.tokens = [token];
    this.state.joins = {};
    this.state.returns = [{ tokenId: token.id, toNodeId, fromNodeId, resubmitTo }];
    token.nodeId = toNodeId;
    token.status = 'active';
  }

  /** Records how a node was left on its latest path entry. */
  private noteResult(nodeId: string, result: string | undefined): void {
    if (result === undefined) return;
    for (let i = this.state.path.length - 1; i >= 0; i -= 1) {
      const entry = this.state.path[i];
      if (entry?.nodeId === nodeId && entry.result === undefined) {
        // Entries may be shared with the saved state: replaced, never written.
        this.state.path[i] = withResult(entry, result);
        return;
      }
    }
  }

  fail(code: string, message: string, nodeId?: string): void {
    this.state.status = 'failed';
    this.state.error = nodeId === undefined ? { code, message } : { code, message, nodeId };
    this.effects.push(
      nodeId === undefined
        ? { type: 'incident', code, message }
        : { type: 'incident', code, message, nodeId },
    );
  }

  /** Ends the instance: every open task and timer is cancelled, every token removed. */
  private endInstance(outcome: InstanceOutcome, reason: string): void {
    for (const progress of this.state.approvals) {
      for (const taskKey of openTaskKeys(progress))
        this.effects.push({ type: 'cancelTask', taskKey, reason });
    }
    cancelTimersOf(this.state, this.emit, null, reason);
    this.state.tokens = [];
    this.state.approvals = [];
    this.state.joins = {};
    this.state.returns = [];
    this.state.status = 'completed';
    this.state.outcome = outcome;
    this.effects.push({ type: 'instanceEnded', outcome });
  }

  private handlerAt(token: Token): { node: RuntimeNode; handler: NodeHandler } | undefined {
    const node = this.flow.nodes.get(token.nodeId);
    const handler = node && this.registry.get(node.type);
    return node && handler ? { node, handler } : undefined;
  }

  /** Applies an action to an open task, then lets the token's node decide. */
  taskAction(event: TaskActionEvent): void {
    const found = findOpenTask(this.state, event.taskKey);
    const token = found && this.state.tokens.find((t) => t.id === found.progress.tokenId);
    const at = token && this.handlerAt(token);
    if (!found || !token || !at?.handler.resume)
      throw new RuntimeError('task_not_open', `task "${event.taskKey}" is not open`);
    if (found.progress.kind !== 'resubmit') this.state.acted = true;
    if (event.data) {
      const patch = safePatch(event.data);
      this.state.record = mergedRecord(this.state.record, patch);
      this.effects.push({
        type: 'updateRecord',
        nodeId: at.node.id,
        activation: token.activation,
        patch,
      });
    }
    this.apply(token, at.handler.resume(this.context(at.node, token), event));
  }

  /** A pending timer is due: it leaves the state and its node acts on it. */
  timerFired(timerKey: string): void {
    const timer = this.state.timers.find((t) => t.timerKey === timerKey);
    const token = timer && this.state.tokens.find((t) => t.id === timer.tokenId);
    const at = token && this.handlerAt(token);
    if (!timer || !token || token.nodeId !== timer.nodeId || !at?.handler.onTimer)
      throw new RuntimeError('timer_not_pending', `timer "${timerKey}" is not pending`);
    this.state.timers = this.state.timers.filter((t) => t !== timer);
    this.apply(token, at.handler.onTimer(this.context(at.node, token), timer));
  }

  /** The child flow of a sub-process ended. */
  subprocessCompleted(tokenId: string, outcome: InstanceOutcome): void {
    const token = this.state.tokens.find((t) => t.id === tokenId && t.status === 'waiting');
    const at = token && this.handlerAt(token);
    if (!token || !at?.handler.onSubprocessCompleted)
      throw new RuntimeError(
        'subprocess_not_pending',
        `token "${tokenId}" waits on no sub-process`,
      );
    this.apply(
      token,
      at.handler.onSubprocessCompleted(this.context(at.node, token), { tokenId, outcome }),
    );
  }

  /** The submitter withdraws the instance, if the flow's policy allows it now. */
  withdraw(userId: string, policy: WithdrawPolicy): void {
    const allowed = policy === 'always' || (policy === 'until_acted' && !this.state.acted);
    if (userId !== this.state.submitterId || !allowed) {
      throw new RuntimeError(
        'withdraw_not_allowed',
        userId !== this.state.submitterId
          ? 'only the submitter may withdraw'
          : `the flow's withdraw policy "${policy}" does not allow it now`,
      );
    }
    this.endInstance('withdrawn', 'withdrawn');
  }
}

/**
 * Builds a `step` function over a node registry. `step` (exported) uses the built-in
 * registry; tests build one with stub node types.
 */
export function createStep(registry: NodeRegistry): StepFn {
  return (definition: FlowDefinition, state, event, clock, directory): StepResult => {
    const flow = indexFlow(definition);
    if (event.type === 'start') {
      if (state !== null)
        throw new RuntimeError('instance_already_started', 'the instance has already started');
      const run = new InstanceRun(
        flow,
        registry,
        startState(event.record, event.submitterId),
        clock,
        directory,
      );
      if (flow.startId === undefined) {
        run.fail('no_start', 'the flow has no start node');
      } else {
        run.newToken(flow.startId);
        run.drain();
      }
      return { state: run.state, effects: run.effects };
    }
    if (state === null || state.status !== 'running') {
      throw new RuntimeError('instance_not_running', 'the instance is not running');
    }
    const run = new InstanceRun(flow, registry, workingCopy(state), clock, directory);
    switch (event.type) {
      case 'task_action':
        run.taskAction(event);
        break;
      case 'timer_fired':
        run.timerFired(event.timerKey);
        break;
      case 'subprocess_completed':
        run.subprocessCompleted(event.tokenId, event.outcome);
        break;
      case 'withdraw':
        run.withdraw(event.userId, definition.withdrawPolicy ?? DEFAULT_WITHDRAW_POLICY);
        break;
    }
    run.drain();
    return { state: run.state, effects: run.effects };
  };
}
