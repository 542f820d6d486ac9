import type { RuleCompileError } from './errors';
import type { LogicLimits } from './limits';

/** A compiled rule node: reads the current data (the record, or the item inside `map` & co.). */
export type Evaluator = (data: unknown) => unknown;

/**
 * Mutable per-rule evaluation state. One object per compiled rule, reset at the start of
 * every evaluation, so evaluating allocates no context. Evaluation is synchronous and
 * never re-enters the same compiled rule, so sharing it is safe.
 */
export interface EvalState {
  steps: number;
  now: string | undefined;
  /** The business calendar passed at evaluation (`evalOptions.calendar`), read by the workday operators. */
  calendar: unknown;
}

/** A literal (non-rule) argument, known at compile time. */
export interface LiteralArgument {
  readonly value: unknown;
}

/** What an operator sees while it is being compiled. */
export interface OperatorContext {
  /** The operator name. */
  readonly op: string;
  /** JSON Pointer of the operator node inside the rule. */
  readonly path: string;
  readonly limits: LogicLimits;
  readonly state: EvalState;
  /** Node count of each argument: the step cost of evaluating it once. */
  readonly argSizes: readonly number[];
  /** Each argument that is a literal primitive (string, number, boolean, null); `undefined` otherwise. */
  readonly literals: readonly (LiteralArgument | undefined)[];
  /** Adds to the evaluation's step count; throws `step_budget_exceeded` past the budget. */
  charge(steps: number): void;
  /** Throws `array_too_long` when an array about to be produced would exceed the limit. */
  checkArrayLength(length: number): void;
  /** Builds an `invalid_arguments` error located at this operator. */
  invalid(message: string): RuleCompileError;
}

/** One operator of the language: its name, arity, and how to compile it into a closure. */
export interface OperatorSpec {
  readonly name: string;
  /** Fewest arguments accepted (default 0). */
  readonly minArgs?: number;
  /** Most arguments accepted (default unbounded). */
  readonly maxArgs?: number;
  /**
   * Arguments evaluated against each array item instead of the outer data
   * (`map`/`filter`/`reduce`/`all`/`some`/`none` bodies). Static checks skip their vars.
   */
  readonly scopedArgs?: readonly number[];
  /** Builds the closure once; it must not look operator names up at evaluation time. */
  compile(args: readonly Evaluator[], ctx: OperatorContext): Evaluator;
}

/** Stands in for an argument the rule did not give. */
export const evaluateToUndefined: Evaluator = () => undefined;

/** The argument evaluator at `index`, or one that yields `undefined` when absent. */
export function argAt(args: readonly Evaluator[], index: number): Evaluator {
  return args[index] ?? evaluateToUndefined;
}
