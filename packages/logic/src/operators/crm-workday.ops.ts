/**
 * Business days on the caller's calendar (`evalOptions.calendar`, see work-calendar.ts):
 * `workdays_add` [date, n] moves n working days (a date-only result for a date-only
 * input, else the same local time of day), `workdays_between` [a, b] counts the working
 * days after a up to and including b (negative when b is earlier), `is_workday` [date].
 * Walks are bounded (ten years); past that the result is null.
 */
import { toNumber } from '../coercion';
import { argAt, type Evaluator, type OperatorContext, type OperatorSpec } from '../compiler.types';
import { formatIsoDate, parseIsoDate } from '../iso-date';
import { DAY_MS, MAX_WALK_DAYS, resolveCalendar } from '../work-calendar';

/** `workdays_add`: from a working or non-working day, each step lands on the next working day. */
function compileWorkdaysAdd(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const dateRule = argAt(args, 0);
  const amountRule = argAt(args, 1);
  return (data) => {
    const date = parseIsoDate(dateRule(data));
    const amount = Math.trunc(toNumber(amountRule(data)));
    if (date === null || !Number.isFinite(amount) || Math.abs(amount) > MAX_WALK_DAYS) return null;
    const calendar = resolveCalendar(ctx.state.calendar);
    const start = calendar.localDay(date.ms, date.dateOnly);
    const direction = amount < 0 ? -1 : 1;
    let day = start;
    let left = Math.abs(amount);
    let walked = 0;
    while (left > 0) {
      day += direction * DAY_MS;
      walked += 1;
      if (walked > MAX_WALK_DAYS) return null;
      if (calendar.isWorkingDay(day)) left -= 1;
    }
    ctx.charge(Math.ceil(walked / 32));
    return formatIsoDate(date.ms + (day - start), date.dateOnly);
  };
}

/** `workdays_between`: working days in (a, b] — Monday to Friday of one week is 4. */
function compileWorkdaysBetween(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const fromRule = argAt(args, 0);
  const toRule = argAt(args, 1);
  return (data) => {
    const from = parseIsoDate(fromRule(data));
    const to = parseIsoDate(toRule(data));
    if (from === null || to === null) return null;
    const calendar = resolveCalendar(ctx.state.calendar);
    const a = calendar.localDay(from.ms, from.dateOnly);
    const b = calendar.localDay(to.ms, to.dateOnly);
    const span = Math.round(Math.abs(b - a) / DAY_MS);
    if (span > MAX_WALK_DAYS) return null;
    ctx.charge(Math.ceil(span / 32));
    const [low, high] = a <= b ? [a, b] : [b, a];
    let count = 0;
    for (let day = low + DAY_MS; day <= high; day += DAY_MS) {
      if (calendar.isWorkingDay(day)) count += 1;
    }
    return a <= b ? count : count === 0 ? 0 : -count;
  };
}

function compileIsWorkday(args: readonly Evaluator[], ctx: OperatorContext): Evaluator {
  const dateRule = argAt(args, 0);
  return (data) => {
    const date = parseIsoDate(dateRule(data));
    if (date === null) return null;
    const calendar = resolveCalendar(ctx.state.calendar);
    return calendar.isWorkingDay(calendar.localDay(date.ms, date.dateOnly));
  };
}

/** Business-day operators. */
export const crmWorkdayOperators: readonly OperatorSpec[] = [
  { name: 'workdays_add', minArgs: 2, maxArgs: 2, compile: compileWorkdaysAdd },
  { name: 'workdays_between', minArgs: 2, maxArgs: 2, compile: compileWorkdaysBetween },
  { name: 'is_workday', minArgs: 1, maxArgs: 1, compile: compileIsWorkday },
];
