/**
 * Compiles a rule once. Operator names are resolved here, never during evaluation. Where
 * `new Function` is allowed, the rule becomes one generated function built from fixed
 * templates (codegen/rule.codegen.ts); under a CSP that forbids it, and for operators
 * without a template, rules run as nested closures. Both give the same results.
 */
import type { EvalState, Evaluator, LiteralArgument, OperatorContext } from './compiler.types';
import { RuleCompileError, RuleLimitError } from './errors';
import type { JsonValue } from './json.types';
import { type LogicLimits, resolveLimits } from './limits';
import { findOperator, unknownOperatorError } from './operators/registry';
import { argumentPath, argumentsOf, isLogicNode, operatorOf } from './rule-shape';
import { walkRule } from './rule-walk';
import { codegenAvailable, generateRule } from './codegen/rule.codegen';
import type { WorkCalendar } from './work-calendar';

/** Options fixed when a rule is compiled. */
export interface CompileOptions {
  /** Overrides of {@link DEFAULT_LOGIC_LIMITS}. */
  limits?: Partial<LogicLimits>;
}

/** Options of one evaluation. */
export interface EvalOptions {
  /** The current instant as an ISO string, read by the `now` operator (rules never read the machine clock). */
  now?: string;
  /**
   * The business calendar for `workdays_add`, `workdays_between` and `is_workday`; without
   * it they count Monday to Friday in UTC+8 (see {@link WorkCalendar}).
   */
  calendar?: WorkCalendar;
}

/** A compiled rule: call it with the data (and optionally the clock) as often as needed. */
export type CompiledRule = (data: unknown, evalOptions?: EvalOptions) => JsonValue;

interface CompiledNode {
  readonly run: Evaluator;
  /** Node count, the step cost of one evaluation of this node. */
  readonly size: number;
  readonly literal?: LiteralArgument;
}

interface CompileEnv {
  readonly limits: LogicLimits;
  readonly state: EvalState;
}

function operatorContext(
  op: string,
  path: string,
  args: readonly CompiledNode[],
  env: CompileEnv,
): OperatorContext {
  const { limits, state } = env;
  return {
    op,
    path,
    limits,
    state,
    argSizes: args.map((arg) => arg.size),
    literals: args.map((arg) => arg.literal),
    charge(steps) {
      state.steps += steps;
      if (state.steps > limits.maxSteps) {
        throw new RuleLimitError(
          'step_budget_exceeded',
          `Evaluation took more than ${limits.maxSteps} steps`,
          path,
        );
      }
    },
    checkArrayLength(length) {
      if (length > limits.maxArrayLength) {
        throw new RuleLimitError(
          'array_too_long',
          `${op} would produce an array longer than ${limits.maxArrayLength} items`,
          path,
        );
      }
    },
    invalid: (message) => new RuleCompileError('invalid_arguments', message, path),
  };
}

/**
 * The arguments of an operator node, after checking the operator is allowed and its
 * arity; throws the compile errors otherwise.
 */
function checkedArguments(
  node: Record<string, unknown>,
  op: string,
  path: string,
): readonly unknown[] {
  const spec = findOperator(op);
  if (spec === undefined) throw unknownOperatorError(op, path);
  const rawArgs = argumentsOf(node, op);
  const { minArgs = 0, maxArgs = Infinity } = spec;
  if (rawArgs.length < minArgs || rawArgs.length > maxArgs) {
    const expected =
      maxArgs === Infinity
        ? `at least ${minArgs}`
        : minArgs === maxArgs
          ? `exactly ${minArgs}`
          : `${minArgs} to ${maxArgs}`;
    throw new RuleCompileError(
      'invalid_arguments',
      `${op} takes ${expected} argument(s), got ${rawArgs.length}`,
      path,
    );
  }
  return rawArgs;
}

/** Recursion depth is bounded: {@link walkRule} has already refused rules deeper than `maxDepth`. */
function compileNode(node: unknown, path: string, env: CompileEnv): CompiledNode {
  if (Array.isArray(node)) {
    const items = node.map((item, i) => compileNode(item, `${path}/${i}`, env));
    const runs = items.map((item) => item.run);
    const size = items.reduce((total, item) => total + item.size, 1);
    return {
      size,
      run: (data) => {
        const out: unknown[] = new Array(runs.length);
        for (let i = 0; i < runs.length; i++) out[i] = (runs[i] as Evaluator)(data);
        return out;
      },
    };
  }
  if (!isLogicNode(node)) {
    // Literals, including objects that are not rules (json-logic-js returns them as they are).
    const literal = typeof node === 'object' && node !== null ? undefined : { value: node };
    return { size: 1, run: () => node, ...(literal && { literal }) };
  }
  const op = operatorOf(node);
  const rawArgs = checkedArguments(node, op, path);
  const spec = findOperator(op) as NonNullable<ReturnType<typeof findOperator>>;
  const args = rawArgs.map((arg, i) => compileNode(arg, argumentPath(path, node, op, i), env));
  const run = spec.compile(
    args.map((arg) => arg.run),
    operatorContext(op, path, args, env),
  );
  return { run, size: args.reduce((total, arg) => total + arg.size, 1) };
}

/**
 * Compiles a rule into a function of the data. Throws a {@link RuleLimitError} for a rule
 * that is too deep or too large, and a {@link RuleCompileError} for an unknown operator
 * or wrong arguments; the returned function throws only typed {@link LogicError}s.
 */
export function compileRule(rule: unknown, options?: CompileOptions): CompiledRule {
  return compileRuleAs(rule, options, 'auto');
}

/**
 * {@link compileRule} with the strategy chosen: `auto` generates code where the
 * environment allows it, `closures` never does (what runs under a strict CSP). Internal:
 * tests compare the two.
 */
export function compileRuleAs(
  rule: unknown,
  options: CompileOptions | undefined,
  strategy: 'auto' | 'closures',
): CompiledRule {
  const limits = resolveLimits(options?.limits);
  const { nodes, limitError } = walkRule(rule, limits);
  if (limitError !== null) throw limitError;
  const state: EvalState = { steps: 0, now: undefined, calendar: undefined };
  const env: CompileEnv = { limits, state };
  if (strategy === 'auto' && nodes <= limits.maxSteps && codegenAvailable()) {
    const closures = (node: unknown, path: string): Evaluator => compileNode(node, path, env).run;
    return generateRule(rule, nodes, env, closures, checkedArguments) as CompiledRule;
  }
  const root = compileNode(rule, '', env);
  const run = root.run;
  return (data, evalOptions) => {
    state.steps = nodes;
    state.now = evalOptions?.now;
    state.calendar = evalOptions?.calendar;
    if (nodes > limits.maxSteps) {
      throw new RuleLimitError(
        'step_budget_exceeded',
        `Evaluation took more than ${limits.maxSteps} steps`,
      );
    }
    const result = run(data === undefined ? null : data);
    return (result === undefined ? null : result) as JsonValue;
  };
}
