/** Bounds that keep compiling and evaluating an untrusted rule cheap and finite. */
export interface LogicLimits {
  /** Deepest nesting of operators and literal arrays in a rule. */
  maxDepth: number;
  /** Most JSON values (operators, arguments, literals) in one rule. */
  maxNodes: number;
  /**
   * Steps allowed per evaluation: one per rule node, plus the body size for every
   * iteration of `map`/`filter`/`reduce`/`all`/`some`/`none`, plus one per element
   * visited by `merge`, `in`, `contains`, `sum`, `count` and `avg`.
   */
  maxSteps: number;
  /** Longest array `merge` or `map` may produce. */
  maxArrayLength: number;
  /** Longest string `cat` may produce. */
  maxStringLength: number;
}

/** The limits used when a caller does not override them. */
export const DEFAULT_LOGIC_LIMITS: Readonly<LogicLimits> = Object.freeze({
  maxDepth: 64,
  maxNodes: 10_000,
  maxSteps: 100_000,
  maxArrayLength: 100_000,
  maxStringLength: 1_000_000,
});

/** Compilation recurses once per level, so the depth limit itself must stay far below the JS stack. */
const DEPTH_CEILING = 1_000;

/** Fills in defaults and clamps the depth so a generous caller cannot re-open stack overflows. */
export function resolveLimits(overrides?: Partial<LogicLimits>): LogicLimits {
  const d = DEFAULT_LOGIC_LIMITS;
  return {
    maxDepth: Math.min(overrides?.maxDepth ?? d.maxDepth, DEPTH_CEILING),
    maxNodes: overrides?.maxNodes ?? d.maxNodes,
    maxSteps: overrides?.maxSteps ?? d.maxSteps,
    maxArrayLength: overrides?.maxArrayLength ?? d.maxArrayLength,
    maxStringLength: overrides?.maxStringLength ?? d.maxStringLength,
  };
}
