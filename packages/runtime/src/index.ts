/**
 * @liuyun/runtime: the process interpreter as a pure function, `step(definition, state,
 * event, clock, directory) → { state, effects }`, its node types, and `simulate`.
 */
export * from './types';
export { step } from './step';
export { createStep, STEP_BUDGET } from './instance.lifecycle';
export { RuntimeError, type RuntimeErrorCode } from './runtime.error';
export { NodeRegistry, nodeRegistry, builtInNodes, NODE_TYPES } from './node.registry';
export type {
  NodeContext,
  NodeHandler,
  NodeOutcome,
  RuntimeNode,
  TaskActionEvent,
} from './node.types';
export { advanceAlong, fail, followOnlyEdge } from './node.outcomes';
export {
  simulate,
  type SimulatedTask,
  type SimulationDecision,
  type SimulationOptions,
  type SimulationResult,
} from './simulation';
