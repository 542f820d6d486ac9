import type { FlowDefinition, FlowEdge, JsonObject, JsonValue } from '@liuyun/definitions';
import {
  createStep,
  fail,
  followOnlyEdge,
  nodeRegistry,
  type Clock,
  type Directory,
  type BusinessCalendar,
  type Effect,
  type InstanceState,
  type NodeHandler,
  type RuntimeEvent,
  type StepResult,
  type TaskActionEvent,
} from '../../src';

/** A clock that only moves when told to (with an optional business calendar). */
export class FakeClock implements Clock {
  private time = Date.parse('2025-03-01T08:00:00.000Z');

  constructor(readonly calendar?: BusinessCalendar) {}

  now(): string {
    return new Date(this.time).toISOString();
  }

  advance(minutes: number): void {
    this.time += minutes * 60_000;
  }

  /** Moves to an instant (never backwards). */
  moveTo(iso: string): void {
    this.time = Math.max(this.time, Date.parse(iso));
  }
}

/** Users by role; the submitter's department head is `head1`, two levels up `head2`. */
export const roles: Record<string, string[]> = {
  manager: ['mgr'],
  director: ['dir'],
  sales: ['s1', 's2', 's3'],
  nobody: [],
};

export const directory: Directory = {
  admins: () => ['admin1', 'admin2'],
  resolve(spec, ctx) {
    switch (spec.kind) {
      case 'user':
        return [spec.username];
      case 'role':
        return roles[spec.role] ?? [];
      case 'department_head':
        return [`head${spec.levels}`];
      case 'submitter':
        return [ctx.submitterId];
    }
  },
};

/** Stub node types, registered in the tests only. */
export const echoNode: NodeHandler = { type: 'echo', enter: (ctx) => followOnlyEdge(ctx) };
export const pendingNode: NodeHandler = { type: 'pending', enter: () => ({ kind: 'wait' }) };
export const failNode: NodeHandler = {
  type: 'fail',
  enter: (ctx) => fail('stub_failed', `node "${ctx.node.id}" always fails`),
};

/** `step` over the built-in node types plus the stubs. */
export const testStep = createStep(nodeRegistry.with(echoNode, pendingNode, failNode));

type AnyNode = { id: string; type: string; settings?: JsonValue };

/** A flow from terse nodes (settings default to `{}`) and edges; stub types allowed. */
export function flowOf(
  nodes: AnyNode[],
  edges: (Omit<FlowEdge, 'id'> & { id?: string })[],
): FlowDefinition {
  return {
    key: 'test',
    name: { zh: '测试', en: 'test' },
    nodes: nodes.map((node) => ({ name: { zh: node.id, en: node.id }, settings: {}, ...node })),
    edges: edges.map((edge, index) => ({ id: edge.id ?? `e${index}`, ...edge })),
  } as unknown as FlowDefinition;
}

export const start = (id = 'start') => ({
  id,
  type: 'start',
  settings: { trigger: 'form_submit' },
});
export const end = (id = 'end', outcome: 'approved' | 'rejected' = 'approved') => ({
  id,
  type: 'end',
  settings: { outcome },
});
export const approval = (
  id: string,
  mode: 'any' | 'all' | 'sequential' | 'quorum',
  assignees: JsonValue[],
  extra: Record<string, JsonValue> = {},
) => ({
  id,
  type: 'approval',
  settings: { assignees, mode, ...extra },
});
export const fill = (
  id: string,
  mode: 'any' | 'all' | 'sequential',
  assignees: JsonValue[],
  extra: Record<string, JsonValue> = {},
) => ({ id, type: 'fill', settings: { assignees, mode, ...extra } });
export const user = (username: string) => ({ kind: 'user', username });
export const role = (name: string) => ({ kind: 'role', role: name });

/** A task action without the fields `Instance.do` fills in. */
export type ActionArgs = DistributiveOmit<TaskActionEvent, 'type' | 'taskKey' | 'userId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Drives one instance through `testStep`, keeping the state between events. */
export class Instance {
  state: InstanceState | null = null;
  readonly clock: FakeClock;
  effects: Effect[] = [];

  constructor(
    private readonly flow: FlowDefinition,
    calendar?: BusinessCalendar,
  ) {
    this.clock = new FakeClock(calendar);
  }

  start(record: JsonObject = {}, submitterId = 'alice'): StepResult {
    return this.apply(
      testStep(this.flow, null, { type: 'start', record, submitterId }, this.clock, directory),
    );
  }

  act(
    taskKey: string,
    action: 'approve' | 'reject' | 'submit',
    userId = 'someone',
    data?: JsonObject,
  ): StepResult {
    this.clock.advance(1);
    const event = {
      type: 'task_action' as const,
      taskKey,
      action,
      userId,
      ...(data ? { data } : {}),
    };
    return this.apply(testStep(this.flow, this.state, event, this.clock, directory));
  }

  /** Any task action (return, transfer, add_signer, submit…) on a task. */
  do(taskKey: string, userId: string, args: ActionArgs): StepResult {
    this.clock.advance(1);
    const event = { type: 'task_action' as const, taskKey, userId, ...args } as TaskActionEvent;
    return this.apply(testStep(this.flow, this.state, event, this.clock, directory));
  }

  /** Any other event, at the clock's time. */
  send(event: RuntimeEvent): StepResult {
    return this.apply(testStep(this.flow, this.state, event, this.clock, directory));
  }

  /** Moves the clock to the timer's due time and fires it. */
  fire(timerKey: string): StepResult {
    const timer = this.state?.timers.find((t) => t.timerKey === timerKey);
    if (timer) this.clock.moveTo(timer.dueAt);
    return this.send({ type: 'timer_fired', timerKey });
  }

  /** Keys of the open tasks, in creation order per node. */
  openTasks(): string[] {
    return (this.state?.approvals ?? []).flatMap((progress) =>
      progress.participants.flatMap((p) =>
        p.status === 'open' && p.taskKey !== undefined ? [p.taskKey] : [],
      ),
    );
  }

  private apply(result: StepResult): StepResult {
    this.state = result.state;
    this.effects = result.effects;
    return result;
  }

  /** Effects of the last step of one type. */
  effectsOf<T extends Effect['type']>(type: T): Extract<Effect, { type: T }>[] {
    return this.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  }

  /** Node ids of the path so far. */
  pathIds(): string[] {
    return (this.state?.path ?? []).map((entry) => entry.nodeId);
  }
}
