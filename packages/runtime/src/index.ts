/**
 * @liuyun/runtime: the process interpreter as a pure function, `step(definition, state,
 * event, clock, directory) → { state, effects }`, its node types, business calendars,
 * and `simulate`.
 */
export * from './types';
export { step } from './step';
export { createStep, DEFAULT_WITHDRAW_POLICY, STEP_BUDGET } from './instance.lifecycle';
export { RuntimeError, type RuntimeErrorCode } from './runtime.error';
export { NodeRegistry, nodeRegistry, builtInNodes, NODE_TYPES } from './node.registry';
export type {
  NodeContext,
  NodeHandler,
  NodeOutcome,
  RuntimeNode,
  SubprocessCompletion,
} from './node.types';
export {
  advanceAlong,
  fail,
  followOnlyEdge,
  followOnlyEdgeWith,
  followOutcome,
} from './node.outcomes';
export { alwaysOpenCalendar } from './calendar/always-open.calendar';
export { createWorkweekCalendar, type WorkweekOptions } from './calendar/workweek.calendar';
export { assigneeSpecsOf } from './flow.assignees';
export {
  simulate,
  type SimulatedTask,
  type SimulationDecision,
  type SimulationOptions,
  type SimulationResult,
} from './simulation';
export { renderMessage } from './message.render';
