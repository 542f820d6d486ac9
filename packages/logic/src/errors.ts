/** Stable codes carried by every error this package throws or reports. */
export type LogicErrorCode =
  | 'unknown_operator'
  | 'invalid_arguments'
  | 'rule_too_deep'
  | 'rule_too_large'
  | 'step_budget_exceeded'
  | 'array_too_long'
  | 'string_too_long'
  | 'now_unavailable'
  | 'unknown_field';

/**
 * Base class of every error raised by `@liuyun/logic`. Callers switch on `code`
 * (stable), never on `message` (for people).
 */
export class LogicError extends Error {
  /** Stable, machine-readable error code. */
  readonly code: LogicErrorCode;
  /** JSON Pointer of the offending rule node (e.g. `/and/1/var`), when known. */
  readonly path: string;

  constructor(code: LogicErrorCode, message: string, path = '') {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.path = path;
  }
}

/** The rule itself is not acceptable (unknown operator, wrong arguments). Thrown at compile time. */
export class RuleCompileError extends LogicError {}

/** A size, depth, step, array-length or string-length limit was exceeded. */
export class RuleLimitError extends LogicError {}

/** Evaluation could not proceed for a reason other than a limit (e.g. `now` without a clock). */
export class RuleEvaluationError extends LogicError {}
