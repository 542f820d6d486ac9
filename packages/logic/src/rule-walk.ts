/**
 * An iterative walk over a rule. It runs before anything recursive, so a 10,000-deep
 * rule is measured and refused without ever growing the JS stack.
 */
import { RuleLimitError } from './errors';
import type { LogicLimits } from './limits';
import { findOperator } from './operators/registry';
import { argumentPath, argumentsOf, isLogicNode, operatorOf } from './rule-shape';

/** One operator node met during the walk. */
export interface OperatorVisit {
  readonly op: string;
  readonly args: readonly unknown[];
  /** JSON Pointer of the node. */
  readonly path: string;
  /** JSON Pointer of argument `index`. */
  argPath(index: number): string;
  /** Inside a `map`/`filter`/`reduce`/`all`/`some`/`none` body, where data is the item. */
  readonly scoped: boolean;
}

/** What the walk measured, and the first limit it hit (walking stops there). */
export interface WalkResult {
  readonly nodes: number;
  readonly limitError: RuleLimitError | null;
}

interface Frame {
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
  readonly scoped: boolean;
}

/**
 * Visits every node in document order. Depth counts operators and literal arrays
 * (an operator's argument list is not a level of its own); nodes count every value.
 */
export function walkRule(
  rule: unknown,
  limits: LogicLimits,
  onOperator?: (visit: OperatorVisit) => void,
): WalkResult {
  const stack: Frame[] = [{ value: rule, path: '', depth: 1, scoped: false }];
  let nodes = 0;
  const tooLarge = (path: string): WalkResult => ({
    nodes,
    limitError: new RuleLimitError(
      'rule_too_large',
      `The rule has more than ${limits.maxNodes} nodes`,
      path,
    ),
  });
  while (stack.length > 0) {
    const { value, path, depth, scoped } = stack.pop() as Frame;
    nodes++;
    if (nodes > limits.maxNodes) return tooLarge(path);
    if (depth > limits.maxDepth) {
      const error = new RuleLimitError(
        'rule_too_deep',
        `The rule is nested more than ${limits.maxDepth} levels deep`,
        path,
      );
      return { nodes, limitError: error };
    }
    if (Array.isArray(value)) {
      // Refuse wide rules before queueing their children, not after.
      if (nodes + stack.length + value.length > limits.maxNodes) return tooLarge(path);
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], path: `${path}/${i}`, depth: depth + 1, scoped });
      }
    } else if (isLogicNode(value)) {
      const op = operatorOf(value);
      const args = argumentsOf(value, op);
      if (nodes + stack.length + args.length > limits.maxNodes) return tooLarge(path);
      const argPath = (index: number): string => argumentPath(path, value, op, index);
      onOperator?.({ op, args, path, argPath, scoped });
      const scopedArgs = findOperator(op)?.scopedArgs ?? [];
      for (let i = args.length - 1; i >= 0; i--) {
        stack.push({
          value: args[i],
          path: argPath(i),
          depth: depth + 1,
          scoped: scoped || scopedArgs.includes(i),
        });
      }
    }
  }
  return { nodes, limitError: null };
}
