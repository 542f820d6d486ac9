/** What every benchmark reports: rows of "Liuyun vs its baseline, measured in the same run". */

/** One measured figure, printed with its unit. */
export interface Figure {
  /** What was measured (e.g. "@liuyun/logic", "json-logic-js apply"). */
  label: string;
  value: number;
  /** e.g. "ops/s", "instances/s", "bytes". */
  unit: string;
}

/**
 * How the goal reads: `atLeast` (ratio ≥ goal, for speed) or `atMost` (ratio ≤ goal, for
 * memory and size, where the ratio is Liuyun's figure over the baseline's).
 */
export type GoalKind = 'atLeast' | 'atMost';

/** One line of the results table and of `performance.json`. */
export interface BenchRow {
  /** The benchmark id from QUALITY.md (P1, P2, …). */
  id: string;
  /** What this row compares. */
  what: string;
  subject: Figure;
  baseline: Figure | null;
  /** subject / baseline (or the subject's own value when there is no baseline). */
  ratio: number;
  goal: number;
  goalKind: GoalKind;
  holds: boolean;
  /** How it was measured, or why it was skipped. */
  note?: string;
  skipped?: boolean;
}

/** A benchmark: an id, a title, and a run that returns its rows. */
export interface Benchmark {
  id: string;
  title: string;
  /** How it is measured, for docs/performance.md. */
  method: string;
  run(): Promise<BenchRow[]>;
}

/** Builds a row and decides whether the goal holds. */
export function row(fields: Omit<BenchRow, 'holds'>): BenchRow {
  const holds =
    fields.skipped !== true &&
    Number.isFinite(fields.ratio) &&
    (fields.goalKind === 'atLeast' ? fields.ratio >= fields.goal : fields.ratio <= fields.goal);
  return { ...fields, holds };
}
