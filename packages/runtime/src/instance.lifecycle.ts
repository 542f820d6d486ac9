import type { FlowDefinition, JsonValue } from '@liuyun/definitions';
import { indexFlow, type FlowIndex } from './flow.index';
import type { NodeContext, NodeOutcome, RuntimeNode, TaskActionEvent } from './node.types';
import type { NodeRegistry } from './node.registry';
import { mergeIntoRecord, safePatch } from './record.merge';
import { evaluateRule } from './rule.cache';
import { RuntimeError } from './runtime.error';
import type {
  Clock,
  Directory,
  Effect,
  InstanceState,
  RuntimeEvent,
  StepFn,
  StepResult,
  Token,
} from './types';

/** Node entries allowed in one step; a loop without a wait is cut here. */
export const STEP_BUDGET = 1_000;

/**
 * One call of `step`: a working copy of the state, the effects so far, and the shared
 * lifecycle (enter a node, carry out its outcome, move tokens along edges) that every
 * node type relies on.
 */
class InstanceRun {
  readonly effects: Effect[] = [];
  private entries = 0;

  constructor(
    private readonly flow: FlowIndex,
    private readonly registry: NodeRegistry,
    readonly state: InstanceState,
    private readonly clock: Clock,
    private readonly directory: Directory,
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
    return {
      node,
      token,
      state: this.state,
      directory: this.directory,
      clock: this.clock,
      outgoing: () => this.flow.outgoing.get(node.id) ?? [],
      incoming: () => this.flow.incoming.get(node.id) ?? [],
      emit: (effect) => this.effects.push(effect),
      evaluate: (owner: object, slot: string, rule: JsonValue, data: JsonValue) =>
        evaluateRule(owner, slot, rule, data),
    };
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
    this.state.path.push({ nodeId: node.id, at: this.clock.now() });
    this.apply(token, handler.enter(this.context(node, token)));
  }

  /** Carries out a node's outcome for the token on it. */
  apply(token: Token, outcome: NodeOutcome): void {
    switch (outcome.kind) {
      case 'wait':
        token.status = 'waiting';
        return;
      case 'absorb':
        this.noteResult(token.nodeId, outcome.result);
        this.state.tokens = this.state.tokens.filter((t) => t !== token);
        return;
      case 'fail':
        this.fail(outcome.code, outcome.message, token.nodeId);
        return;
      case 'end':
        this.noteResult(token.nodeId, outcome.result);
        this.endInstance(outcome.outcome);
        return;
      case 'advance': {
        const [first, ...others] = outcome.edges;
        if (!first) {
          this.fail('dead_end', `node "${token.nodeId}" has nowhere to go`, token.nodeId);
          return;
        }
        this.noteResult(token.nodeId, outcome.result);
        for (const edge of others) this.newToken(edge.target);
        token.nodeId = first.target;
        token.status = 'active';
        return;
      }
    }
  }

  /** Records how a node was left on its latest path entry. */
  private noteResult(nodeId: string, result: string | undefined): void {
    if (result === undefined) return;
    for (let i = this.state.path.length - 1; i >= 0; i -= 1) {
      const entry = this.state.path[i];
      if (entry?.nodeId === nodeId && entry.result === undefined) {
        entry.result = result;
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

  /** Ends the instance: every open task is cancelled, every token removed. */
  private endInstance(outcome: 'approved' | 'rejected'): void {
    for (const progress of this.state.approvals) {
      for (const [taskKey, assignee] of Object.entries(progress.tasks)) {
        if (!progress.approvedBy.includes(assignee))
          this.effects.push({ type: 'cancelTask', taskKey, reason: 'instance_ended' });
      }
    }
    this.state.tokens = [];
    this.state.approvals = [];
    this.state.joins = {};
    this.state.status = 'completed';
    this.state.outcome = outcome;
    this.effects.push({ type: 'instanceEnded', outcome });
  }

  /** Applies a task decision to the token waiting on the task's approval. */
  resume(event: TaskActionEvent): void {
    const progress = this.state.approvals.find((a) =>
      Object.prototype.hasOwnProperty.call(a.tasks, event.taskKey),
    );
    const assignee = progress?.tasks[event.taskKey];
    const token = progress && this.state.tokens.find((t) => t.id === progress.tokenId);
    const node = progress && this.flow.nodes.get(progress.nodeId);
    const handler = node && this.registry.get(node.type);
    if (
      !progress ||
      assignee === undefined ||
      progress.approvedBy.includes(assignee) ||
      !token ||
      !node ||
      !handler?.resume
    ) {
      throw new RuntimeError('task_not_open', `task "${event.taskKey}" is not open`);
    }
    if (event.data) {
      const patch = safePatch(event.data);
      mergeIntoRecord(this.state.record, patch);
      this.effects.push({
        type: 'updateRecord',
        nodeId: node.id,
        activation: token.activation,
        patch,
      });
    }
    this.apply(token, handler.resume(this.context(node, token), event));
  }
}

function startState(event: Extract<RuntimeEvent, { type: 'start' }>): InstanceState {
  return {
    status: 'running',
    submitterId: event.submitterId,
    record: structuredClone(event.record),
    tokens: [],
    approvals: [],
    joins: {},
    path: [],
    seq: 1,
    steps: 0,
  };
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
      const run = new InstanceRun(flow, registry, startState(event), clock, directory);
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
    const run = new InstanceRun(flow, registry, structuredClone(state), clock, directory);
    run.resume(event);
    run.drain();
    return { state: run.state, effects: run.effects };
  };
}
