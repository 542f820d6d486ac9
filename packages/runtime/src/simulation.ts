import type { FlowDefinition, JsonObject } from '@liuyun/definitions';
import { step as defaultStep } from './step';
import type { Clock, Directory, Effect, InstanceState, PathEntry, StepFn } from './types';

/** One scripted decision: the next open task at `nodeId` (of `by`, if given) gets `action`. */
export interface SimulationDecision {
  nodeId: string;
  action: 'approve' | 'reject';
  by?: string;
  /** Field changes made with the decision. */
  data?: JsonObject;
}

export interface SimulationOptions {
  submitterId?: string;
  /** The virtual clock's start (ISO-8601); it moves one minute per decision. */
  startAt?: string;
  /** Most decisions applied (a flow that loops on approval stops here). Default 200. */
  maxDecisions?: number;
  /** The interpreter to run (a registry with extra node types); default `step`. */
  step?: StepFn;
}

export interface SimulatedTask {
  taskKey: string;
  nodeId: string;
  assigneeId: string;
  status: 'open' | 'approved' | 'rejected' | 'cancelled';
  /** Who decided it, for approved and rejected tasks. */
  decidedBy?: string;
}

export interface SimulationResult {
  state: InstanceState;
  path: PathEntry[];
  /** Every task created, in creation order, with how it ended. */
  tasks: SimulatedTask[];
  effects: Effect[];
  /** True when the instance still runs: no decision in the script fits an open task. */
  stalled: boolean;
  /** Scripted decisions that were not used. */
  unusedDecisions: SimulationDecision[];
}

const MINUTE = 60_000;

/** A clock that stands still within a step and moves on by one minute between steps. */
class VirtualClock implements Clock {
  private time: number;

  constructor(startAt: string) {
    const parsed = Date.parse(startAt);
    this.time = Number.isNaN(parsed) ? 0 : parsed;
  }

  now(): string {
    return new Date(this.time).toISOString();
  }

  tick(): void {
    this.time += MINUTE;
  }
}

function track(tasks: SimulatedTask[], effects: Effect[]): void {
  for (const effect of effects) {
    if (effect.type === 'createTask') {
      tasks.push({
        taskKey: effect.taskKey,
        nodeId: effect.nodeId,
        assigneeId: effect.assigneeId,
        status: 'open',
      });
      continue;
    }
    const task = 'taskKey' in effect ? tasks.find((t) => t.taskKey === effect.taskKey) : undefined;
    if (!task) continue;
    if (effect.type === 'cancelTask') task.status = 'cancelled';
    if (effect.type === 'completeTask') {
      task.status = effect.action === 'approve' ? 'approved' : 'rejected';
      task.decidedBy = effect.userId;
    }
  }
}

/**
 * Runs a flow on a record without any storage: starts it, then feeds decisions from the
 * script in order (or, with `'approve_all'`, approves the oldest open task each time) on a
 * virtual clock. The designer and the engine's simulate endpoint show the result.
 */
export function simulate(
  definition: FlowDefinition,
  record: JsonObject,
  directory: Directory,
  decisions: readonly SimulationDecision[] | 'approve_all' = 'approve_all',
  options: SimulationOptions = {},
): SimulationResult {
  const run = options.step ?? defaultStep;
  const clock = new VirtualClock(options.startAt ?? '2025-01-01T09:00:00.000Z');
  const submitterId = options.submitterId ?? 'submitter';
  const maxDecisions = options.maxDecisions ?? 200;
  const tasks: SimulatedTask[] = [];
  const effects: Effect[] = [];

  let result = run(definition, null, { type: 'start', record, submitterId }, clock, directory);
  track(tasks, result.effects);
  effects.push(...result.effects);

  const script = decisions === 'approve_all' ? null : [...decisions];
  let applied = 0;
  while (result.state.status === 'running' && applied < maxDecisions) {
    const open = tasks.filter((t) => t.status === 'open');
    const next = script ? script[0] : { nodeId: open[0]?.nodeId ?? '', action: 'approve' as const };
    const task =
      next &&
      open.find(
        (t) => t.nodeId === next.nodeId && (next.by === undefined || t.assigneeId === next.by),
      );
    if (!next || !task) break;
    script?.shift();
    clock.tick();
    result = run(
      definition,
      result.state,
      {
        type: 'task_action',
        taskKey: task.taskKey,
        action: next.action,
        userId: task.assigneeId,
        ...(next.data ? { data: next.data } : {}),
      },
      clock,
      directory,
    );
    track(tasks, result.effects);
    effects.push(...result.effects);
    applied += 1;
  }
  return {
    state: result.state,
    path: result.state.path,
    tasks,
    effects,
    stalled: result.state.status === 'running',
    unusedDecisions: script ?? [],
  };
}
