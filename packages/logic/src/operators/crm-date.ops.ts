/**
 * Date helpers on ISO date strings, in UTC and pure: `date_add`, `date_diff`, `duration`,
 * `start_of`, `end_of`, the comparisons `date_before`, `date_after`, `date_same`, and `now`, which reads the clock the caller passes (`evalOptions.now`) and never the
 * machine's. Unparseable dates give null; an unknown literal unit is refused at compile time.
 */
import { toNumber, toStringValue } from '../coercion';
import { argAt, type Evaluator, type OperatorContext, type OperatorSpec } from '../compiler.types';
import { RuleEvaluationError } from '../errors';
import {
  addMonths,
  DATE_UNITS,
  type DateUnit,
  formatIsoDate,
  monthsBetween,
  parseIsoDate,
  PERIOD_UNITS,
  type PeriodUnit,
  startOf,
  UNIT_MS,
} from '../iso-date';

type FixedUnit = 'minute' | 'hour' | 'day' | 'week';
const FIXED_UNITS: readonly FixedUnit[] = ['minute', 'hour', 'day', 'week'];

/** Reads the unit argument; a literal unit outside `allowed` is a compile error. */
function unitReader<T extends string>(
  args: readonly Evaluator[],
  index: number,
  allowed: readonly T[],
  ctx: OperatorContext,
): (data: unknown) => T | null {
  const isAllowed = (value: unknown): value is T => allowed.includes(value as T);
  const literal = ctx.literals[index];
  if (literal !== undefined) {
    if (!isAllowed(literal.value)) {
      throw ctx.invalid(`${ctx.op}: unit must be one of ${allowed.join(', ')}`);
    }
    const unit = literal.value;
    return () => unit;
  }
  const rule = argAt(args, index);
  return (data) => {
    const value = rule(data);
    return isAllowed(value) ? value : null;
  };
}

/** `date_add` [date, amount, unit]: amount is truncated to an integer; months clamp the day. */
function compileDateAdd(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const dateRule = argAt(args, 0);
  const amountRule = argAt(args, 1);
  const unitOf = unitReader<DateUnit>(args, 2, DATE_UNITS, ctx);
  return (data) => {
    const date = parseIsoDate(dateRule(data));
    const amount = Math.trunc(toNumber(amountRule(data)));
    const unit = unitOf(data);
    if (date === null || unit === null || !Number.isFinite(amount)) return null;
    if (unit === 'month' || unit === 'year') {
      return formatIsoDate(
        addMonths(date.ms, unit === 'year' ? amount * 12 : amount),
        date.dateOnly,
      );
    }
    const dateOnly = date.dateOnly && (unit === 'day' || unit === 'week');
    return formatIsoDate(date.ms + amount * UNIT_MS[unit], dateOnly);
  };
}

/** `date_diff` [a, b, unit]: whole units from a to b, truncated toward zero (b earlier → negative). */
function compileDateDiff(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const fromRule = argAt(args, 0);
  const toRule = argAt(args, 1);
  const unitOf = unitReader<DateUnit>(args, 2, DATE_UNITS, ctx);
  return (data) => {
    const from = parseIsoDate(fromRule(data));
    const to = parseIsoDate(toRule(data));
    const unit = unitOf(data);
    if (from === null || to === null || unit === null) return null;
    let diff: number;
    if (unit === 'month') diff = monthsBetween(from.ms, to.ms);
    else if (unit === 'year') diff = Math.trunc(monthsBetween(from.ms, to.ms) / 12);
    else diff = Math.trunc((to.ms - from.ms) / UNIT_MS[unit]);
    return diff === 0 ? 0 : diff;
  };
}

/** `start_of` [date, unit]: the UTC start of the day, ISO week (Monday), month or year. */
function compileStartOf(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const dateRule = argAt(args, 0);
  const unitOf = unitReader<PeriodUnit>(args, 1, PERIOD_UNITS, ctx);
  return (data) => {
    const date = parseIsoDate(dateRule(data));
    const unit = unitOf(data);
    if (date === null || unit === null) return null;
    return formatIsoDate(startOf(date.ms, unit), date.dateOnly);
  };
}

/** `duration` [a, b, unit]: the exact time from a to b in fixed units (minute, hour, day, week). */
function compileDuration(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const fromRule = argAt(args, 0);
  const toRule = argAt(args, 1);
  const unitOf = unitReader<FixedUnit>(args, 2, FIXED_UNITS, ctx);
  return (data) => {
    const from = parseIsoDate(fromRule(data));
    const to = parseIsoDate(toRule(data));
    const unit = unitOf(data);
    if (from === null || to === null || unit === null) return null;
    const value = (to.ms - from.ms) / UNIT_MS[unit];
    return value === 0 ? 0 : value;
  };
}

/** `end_of` [date, unit]: the last day (date-only) or last millisecond of the period. */
function compileEndOf(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const dateRule = argAt(args, 0);
  const unitOf = unitReader<PeriodUnit>(args, 1, PERIOD_UNITS, ctx);
  return (data) => {
    const date = parseIsoDate(dateRule(data));
    const unit = unitOf(data);
    if (date === null || unit === null) return null;
    const start = startOf(date.ms, unit);
    const next =
      unit === 'day'
        ? start + UNIT_MS.day
        : unit === 'week'
          ? start + UNIT_MS.week
          : addMonths(start, unit === 'month' ? 1 : 12);
    return formatIsoDate(date.dateOnly ? next - UNIT_MS.day : next - 1, date.dateOnly);
  };
}

/**
 * `date_before` / `date_after` [a, b], `date_same` [a, b, unit?]: comparisons of instants,
 * whatever the formats (a date-only value is its UTC midnight); `date_same` compares the
 * periods (`day` default, `week`, `month`, `year`). An unparseable date gives false.
 */
function compileDateCompare(
  test: (a: number, b: number) => boolean,
): (args: readonly Evaluator[]) => Evaluator {
  return (args) => {
    const aRule = argAt(args, 0);
    const bRule = argAt(args, 1);
    return (data) => {
      const a = parseIsoDate(aRule(data));
      const b = parseIsoDate(bRule(data));
      return a !== null && b !== null && test(a.ms, b.ms);
    };
  };
}

function compileDateSame(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const aRule = argAt(args, 0);
  const bRule = argAt(args, 1);
  const unitOf =
    args.length > 2 ? unitReader<PeriodUnit>(args, 2, PERIOD_UNITS, ctx) : () => 'day' as const;
  return (data) => {
    const a = parseIsoDate(aRule(data));
    const b = parseIsoDate(bRule(data));
    const unit = unitOf(data);
    if (a === null || b === null || unit === null) return false;
    return startOf(a.ms, unit) === startOf(b.ms, unit);
  };
}

/** `now`: the caller's clock, so evaluation stays a pure function of (rule, data, options). */
function compileNow(_args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  return () => {
    const now = ctx.state.now;
    if (now === undefined) {
      throw new RuleEvaluationError(
        'now_unavailable',
        'The rule uses "now" but no `now` was passed at evaluation',
        ctx.path,
      );
    }
    if (parseIsoDate(now) === null) {
      throw new RuleEvaluationError(
        'invalid_arguments',
        `evalOptions.now is not an ISO date: ${toStringValue(now)}`,
        ctx.path,
      );
    }
    return now;
  };
}

/** Date operators. */
export const crmDateOperators: readonly OperatorSpec[] = [
  { name: 'date_add', minArgs: 3, maxArgs: 3, compile: compileDateAdd },
  { name: 'date_diff', minArgs: 3, maxArgs: 3, compile: compileDateDiff },
  { name: 'duration', minArgs: 3, maxArgs: 3, compile: compileDuration },
  { name: 'start_of', minArgs: 2, maxArgs: 2, compile: compileStartOf },
  { name: 'end_of', minArgs: 2, maxArgs: 2, compile: compileEndOf },
  { name: 'date_before', minArgs: 2, maxArgs: 2, compile: compileDateCompare((a, b) => a < b) },
  { name: 'date_after', minArgs: 2, maxArgs: 2, compile: compileDateCompare((a, b) => a > b) },
  { name: 'date_same', minArgs: 2, maxArgs: 3, compile: compileDateSame },
  { name: 'now', compile: compileNow },
];
