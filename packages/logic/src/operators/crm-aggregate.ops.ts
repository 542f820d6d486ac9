/**
 * Sub-form aggregates: `sum`, `count`, `avg` over an array, or over rows by field:
 * `{"sum":[{"var":"items"},"subtotal"]}`. Only finite numbers count; anything else is 0
 * for `sum` and skipped by `avg`.
 */
import { toStringValue } from '../coercion';
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

/** Evaluates rows and field, charges one step per row, and lets `finish` fold them. */
function aggregate(
  args: readonly Evaluator[],
  ctx: OperatorContext,
  finish: (values: readonly unknown[], field: unknown) => unknown,
): Evaluator {
  const rowsRule = argAt(args, 0);
  const fieldRule = argAt(args, 1);
  return (data) => {
    const rows = rowsRule(data);
    const field = fieldRule(data);
    if (!Array.isArray(rows)) return finish([], field);
    ctx.charge(rows.length);
    return finish(rows, field);
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

/** Aggregate operators. */
export const crmAggregateOperators: readonly OperatorSpec[] = [
  { name: 'sum', minArgs: 1, maxArgs: 2, compile: (args, ctx) => aggregate(args, ctx, sumOf) },
  { name: 'count', minArgs: 1, maxArgs: 2, compile: (args, ctx) => aggregate(args, ctx, countOf) },
  { name: 'avg', minArgs: 1, maxArgs: 2, compile: (args, ctx) => aggregate(args, ctx, averageOf) },
];
