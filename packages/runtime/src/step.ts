import { createStep } from './instance.lifecycle';
import { nodeRegistry } from './node.registry';
import type { StepFn } from './types';

/**
 * Advances one process instance by one event. Pure and deterministic: reads only its
 * arguments (time only through `clock.now()`), never mutates them, and returns the new
 * state with the effects the host must carry out. The new state shares what the step did
 * not change with the old one (copy on write): treat both as immutable.
 *
 * - `start` (with `state` null) creates the state and runs until every token waits or ends.
 * - `task_action` applies a decision to an open task, then runs on.
 *
 * @throws RuntimeError `task_not_open`, `instance_not_running` or `instance_already_started`
 *   when the event does not apply; nothing changed.
 */
export const step: StepFn = createStep(nodeRegistry);
