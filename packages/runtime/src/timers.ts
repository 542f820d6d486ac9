import type { DurationSpec } from '@liuyun/definitions';
import { alwaysOpenCalendar } from './calendar/always-open.calendar';
import type { Clock, Effect, InstanceState, PendingTimer } from './types';

const MINUTE = 60_000;

/** A duration in milliseconds (wall-clock: waits do not follow the business calendar). */
export function durationMs(duration: DurationSpec | undefined): number {
  if (!duration) return 0;
  return (
    ((duration.days ?? 0) * 24 * 60 + (duration.hours ?? 0) * 60 + (duration.minutes ?? 0)) * MINUTE
  );
}

/** `clock.now()` plus `hours` working hours of the clock's calendar (24x7 without one). */
export function afterWorkingHours(clock: Clock, hours: number): string {
  return (clock.calendar ?? alwaysOpenCalendar).addWorkingHours(clock.now(), hours);
}

/** Cancels the token's pending timers (it left its node), emitting `cancelTimer`. */
export function cancelTimersOf(
  state: InstanceState,
  emit: (effect: Effect) => void,
  tokenId: string | null,
  reason: string,
): void {
  if (state.timers.length === 0) return;
  const keep: PendingTimer[] = [];
  for (const timer of state.timers) {
    if (tokenId === null || timer.tokenId === tokenId)
      emit({ type: 'cancelTimer', timerKey: timer.timerKey, reason });
    else keep.push(timer);
  }
  state.timers = keep;
}
