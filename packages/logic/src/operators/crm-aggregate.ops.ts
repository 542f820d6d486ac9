/**
 * Sub-form aggregates: `sum`, `count`, `avg`, `min_of`, `max_of` over an array, or over
 * rows by field: `{"sum":[{"var":"items"},"subtotal"]}`, optionally only over the rows for
 * which a condition holds: `{"sum":[{"var":"items"},"subtotal",{"==":[{"var":"kind"},"A"]}]}`
 * (the condition reads each row, like a `filter` body). Only finite numbers count;
 * anything else is 0 for `sum` and skipped by `avg`, `min_of` and `max_of`.
 */
import { isTruthy, toStringValue } from '../coercion';
import { argAt, type Evaluator, type OperatorContext, type OperatorSpec } from '../compiler.types';
import { isReadableSegment, readOwn } from '../data-access';

/** Reads the values to aggregate: the items themselves, or each row's own `field`. */
type Picker = (item: unknown, field: unknown) => unknown;

const pick: Picker = (item, field) => {
  if (field === undefined || field === null) return item;
  const key = toStringValue(field);
  return isReadableSegment(key) ? readOwn(item, key) : undefined;
};

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Evaluates rows and field, charges one step per row (plus the condition's size per row
 * when there is one), keeps the rows the condition holds for, and lets `finish` fold them.
 */
function aggregate(
  args: readonly Evaluator[],
  ctx: OperatorContext,
  finish: (values: readonly unknown[], field: unknown) => unknown,
): Evaluator {
  const rowsRule = argAt(args, 0);
  const fieldRule = argAt(args, 1);
  const condition = args[2];
  const conditionCost = Math.max(ctx.argSizes[2] ?? 0, 1);
  return (data) => {
    const rows = rowsRule(data);
    const field = fieldRule(data);
    if (!Array.isArray(rows)) return finish([], field);
    if (condition === undefined) {
      ctx.charge(rows.length);
      return finish(rows, field);
    }
    ctx.charge(rows.length * (1 + conditionCost));
    const kept: unknown[] = [];
    for (let i = 0; i < rows.length; i++) if (isTruthy(condition(rows[i]))) kept.push(rows[i]);
    return finish(kept, field);
  };
}

/** Sum of the finite numbers among the items (or their own `field`). */
export function sumOf(rows: readonly unknown[], field: unknown): number {
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i], field);
    if (isFiniteNumber(value)) total += value;
  }
  return total;
}

/** Rows (or, with a field, rows whose field is neither null, absent nor ""). */
export function countOf(rows: readonly unknown[], field: unknown): number {
  if (field === undefined || field === null) return rows.length;
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i], field);
    if (value !== undefined && value !== null && value !== '') count++;
  }
  return count;
}

/** Mean of the numeric values; null when there are none. */
export function averageOf(rows: readonly unknown[], field: unknown): number | null {
  let total = 0;
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i], field);
    if (isFiniteNumber(value)) {
      total += value;
      count++;
    }
  }
  return count === 0 ? null : total / count;
}

/** The least (`pickLess`) or greatest finite number among the values; null when there is none. */
function extremeOf(rows: readonly unknown[], field: unknown, pickLess: boolean): number | null {
  let best: number | null = null;
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i], field);
    if (!isFiniteNumber(value)) continue;
    if (best === null || (pickLess ? value < best : value > best)) best = value;
  }
  return best;
}

function aggregateSpec(
  name: string,
  finish: (values: readonly unknown[], field: unknown) => unknown,
): OperatorSpec {
  return {
    name,
    minArgs: 1,
    maxArgs: 3,
    // The condition reads each row, not the outer data.
    scopedArgs: [2],
    compile: (args, ctx) => aggregate(args, ctx, finish),
  };
}

/** Aggregate operators. */
export const crmAggregateOperators: readonly OperatorSpec[] = [
  aggregateSpec('sum', sumOf),
  aggregateSpec('count', countOf),
  aggregateSpec('avg', averageOf),
  aggregateSpec('min_of', (rows, field) => extremeOf(rows, field, true)),
  aggregateSpec('max_of', (rows, field) => extremeOf(rows, field, false)),
];
