import type { FlowDefinition, JsonObject } from '@liuyun/definitions';
import { step as defaultStep } from './step';
import type {
  BusinessCalendar,
  Clock,
  Directory,
  Effect,
  InstanceOutcome,
  InstanceState,
  PathEntry,
  RuntimeEvent,
  StepFn,
  StepResult,
  TaskActionEvent,
  TaskKind,
} from './types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * One scripted task action: the next open task at `nodeId` (of `by`, if given) takes
 * `action` with its arguments (`toNodeId` for return, `toUserId` for transfer, `userIds`
 * and `position` for add_signer).
 */
export type SimulationDecision = DistributiveOmit<
  TaskActionEvent,
  'type' | 'taskKey' | 'userId' | 'comment' | 'data'
> & {
  nodeId: string;
  by?: string;
  /** Field changes made with the action. */
  data?: JsonObject;
};

export interface SimulationOptions {
  submitterId?: string;
  /** The virtual clock's start (ISO-8601); it moves one minute per decision. */
  startAt?: string;
  /** Most decisions applied (a flow that loops on approval stops here). Default 200. */
  maxDecisions?: number;
  /** Most events of any kind (decisions, timers, child outcomes). Default 1,000. */
  maxEvents?: number;
  /** How each waiting sub-process's child flow ends, by node id. Default `approved`. */
  subprocessOutcomes?: Record<string, InstanceOutcome>;
  /** Working hours for deadlines; 24x7 by default. */
  calendar?: BusinessCalendar;
  /** The interpreter to run (a registry with extra node types); default `step`. */
  step?: StepFn;
}

export interface SimulatedTask {
  taskKey: string;
  nodeId: string;
  assigneeId: string;
  kind: TaskKind;
  /** How the task came about when not from the node's assignees. */
  origin?: Extract<Effect, { type: 'createTask' }>['origin'];
  /** `delivered` for CC tasks; otherwise open, or how it ended. */
  status:
    | 'open'
    | 'delivered'
    | 'approved'
    | 'rejected'
    | 'submitted'
    | 'returned'
    | 'transferred'
    | 'added_signer'
    | 'cancelled';
  /** Who acted on it (`system` for deadline actions). */
  decidedBy?: string;
  /** Why it was cancelled. */
  reason?: string;
}

export interface SimulationResult {
  state: InstanceState;
  path: PathEntry[];
  /** Every task created, in creation order, with its holder, kind and how it ended. */
  tasks: SimulatedTask[];
  effects: Effect[];
  /** Timer keys fired, in order. */
  firedTimers: string[];
  /** The virtual clock when the simulation stopped. */
  endedAt: string;
  /** True when the instance still runs: nothing scripted fits and no timer is pending. */
  stalled: boolean;
  /** Scripted decisions that were not used. */
  unusedDecisions: SimulationDecision[];
}

const MINUTE = 60_000;

/** A clock that stands still within a step, moves one minute per decision, jumps to timers. */
class VirtualClock implements Clock {
  private time: number;

  constructor(
    startAt: string,
    readonly calendar?: BusinessCalendar,
  ) {
    const parsed = Date.parse(startAt);
    this.time = Number.isNaN(parsed) ? 0 : parsed;
  }

  now(): string {
    return new Date(this.time).toISOString();
  }

  tick(): void {
    this.time += MINUTE;
  }

  /** Moves to `iso` unless that is in the past. */
  moveTo(iso: string): void {
    this.time = Math.max(this.time, Date.parse(iso));
  }

  passed(iso: string): boolean {
    return Date.parse(iso) <= this.time;
  }
}

const STATUS_OF_ACTION: Record<TaskActionEvent['action'], SimulatedTask['status']> = {
  approve: 'approved',
  reject: 'rejected',
  submit: 'submitted',
  return: 'returned',
  transfer: 'transferred',
  add_signer: 'added_signer',
};

function track(tasks: SimulatedTask[], effects: readonly Effect[]): void {
  for (const effect of effects) {
    if (effect.type === 'createTask') {
      tasks.push({
        taskKey: effect.taskKey,
        nodeId: effect.nodeId,
        assigneeId: effect.assigneeId,
        kind: effect.kind,
        ...(effect.origin ? { origin: effect.origin } : {}),
        status: effect.kind === 'cc' ? 'delivered' : 'open',
      });
      continue;
    }
    if (effect.type !== 'cancelTask' && effect.type !== 'completeTask') continue;
    const task = tasks.find((t) => t.taskKey === effect.taskKey && t.status === 'open');
    if (!task) continue;
    if (effect.type === 'cancelTask') {
      task.status = 'cancelled';
      task.reason = effect.reason;
    } else {
      task.status = STATUS_OF_ACTION[effect.action];
      task.decidedBy = effect.userId;
    }
  }
}

/** The event a decision makes for a task. */
function eventFor(decision: SimulationDecision, taskKey: string, userId: string): RuntimeEvent {
  const { nodeId: _nodeId, by: _by, data, ...action } = decision;
  return { type: 'task_action', taskKey, userId, ...(data ? { data } : {}), ...action };
}

/**
 * Runs a flow on a record without any storage, through the same `step` the engine uses:
 * starts it, then feeds the script's decisions in order (or, with `'approve_all'`,
 * approves or submits the oldest open task each time) on a virtual clock. Timers fire once
 * the clock passes their due time; when nothing is left to decide, the clock jumps to the
 * next timer. Waiting sub-processes end with `subprocessOutcomes` (default approved).
 */
export function simulate(
  definition: FlowDefinition,
  record: JsonObject,
  directory: Directory,
  decisions: readonly SimulationDecision[] | 'approve_all' = 'approve_all',
  options: SimulationOptions = {},
): SimulationResult {
  const run = options.step ?? defaultStep;
  const clock = new VirtualClock(options.startAt ?? '2025-01-01T09:00:00.000Z', options.calendar);
  const submitterId = options.submitterId ?? 'submitter';
  const maxDecisions = options.maxDecisions ?? 200;
  const maxEvents = options.maxEvents ?? 1_000;
  const tasks: SimulatedTask[] = [];
  const effects: Effect[] = [];
  const firedTimers: string[] = [];
  const children: Extract<Effect, { type: 'startSubprocess' }>[] = [];

  const feed = (result: StepResult): StepResult => {
    track(tasks, result.effects);
    effects.push(...result.effects);
    for (const effect of result.effects)
      if (effect.type === 'startSubprocess' && effect.waitForOutcome) children.push(effect);
    return result;
  };
  let result = feed(
    run(definition, null, { type: 'start', record, submitterId }, clock, directory),
  );
  const send = (event: RuntimeEvent) => {
    result = feed(run(definition, result.state, event, clock, directory));
  };

  const script = decisions === 'approve_all' ? null : [...decisions];
  let applied = 0;
  for (let events = 0; result.state.status === 'running' && events < maxEvents; events += 1) {
    const timers = [...result.state.timers].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const due = timers.find((timer) => clock.passed(timer.dueAt));
    if (due) {
      firedTimers.push(due.timerKey);
      send({ type: 'timer_fired', timerKey: due.timerKey });
      continue;
    }
    const child = children.find((c) =>
      result.state.tokens.some(
        (t) => t.id === c.tokenId && t.nodeId === c.nodeId && t.activation === c.activation,
      ),
    );
    if (child) {
      children.splice(children.indexOf(child), 1);
      const outcome = options.subprocessOutcomes?.[child.nodeId] ?? 'approved';
      send({ type: 'subprocess_completed', tokenId: child.tokenId, outcome });
      continue;
    }
    const open = tasks.filter((t) => t.status === 'open');
    const oldest = open[0];
    const next: SimulationDecision | undefined = script
      ? script[0]
      : oldest && {
          nodeId: oldest.nodeId,
          action: oldest.kind === 'approval' ? 'approve' : 'submit',
        };
    const task =
      next && applied < maxDecisions
        ? open.find(
            (t) => t.nodeId === next.nodeId && (next.by === undefined || t.assigneeId === next.by),
          )
        : undefined;
    if (next && task) {
      script?.shift();
      clock.tick();
      send(eventFor(next, task.taskKey, task.assigneeId));
      applied += 1;
      continue;
    }
    // Nothing to decide: the clock jumps to the next timer.
    const [first] = timers;
    if (!first) break;
    clock.moveTo(first.dueAt);
    firedTimers.push(first.timerKey);
    send({ type: 'timer_fired', timerKey: first.timerKey });
  }
  return {
    state: result.state,
    path: result.state.path,
    tasks,
    effects,
    firedTimers,
    endedAt: clock.now(),
    stalled: result.state.status === 'running',
    unusedDecisions: script ?? [],
  };
}
