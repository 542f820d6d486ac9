import { RuntimeError } from '../src';
import { end, flowOf, Instance, start } from './helpers/fake-world';

function waitFlow(settings: Record<string, unknown>) {
  return flowOf(
    [start(), { id: 'pause', type: 'wait', settings: settings as never }, end()],
    [
      { source: 'start', target: 'pause' },
      { source: 'pause', target: 'end' },
    ],
  );
}

describe('wait (timer)', () => {
  it('schedules a timer for a duration and resumes on timer_fired', () => {
    const instance = new Instance(waitFlow({ duration: { days: 1, hours: 2, minutes: 30 } }));
    const { state } = instance.start();
    const timer = {
      timerKey: 'pause:3:wait',
      kind: 'wait',
      nodeId: 'pause',
      tokenId: 'tk1',
      activation: 3,
      dueAt: '2025-03-02T10:30:00.000Z',
    };
    expect(instance.effects).toEqual([{ type: 'scheduleTimer', ...timer }]);
    expect(state.timers).toEqual([timer]);
    expect(state.tokens[0]).toMatchObject({ nodeId: 'pause', status: 'waiting' });

    const fired = instance.fire('pause:3:wait');
    expect(fired.state).toMatchObject({ status: 'completed', timers: [] });
    expect(fired.state.path[1]).toMatchObject({ nodeId: 'pause', result: 'elapsed' });
    expect(fired.state.path[2]?.at).toBe('2025-03-02T10:30:00.000Z');
  });

  it('waits until a date field plus an offset', () => {
    const instance = new Instance(waitFlow({ untilField: 'due', offset: { days: -1 } }));
    instance.start({ due: '2025-03-10T09:00:00.000Z' });
    expect(instance.state?.timers[0]?.dueAt).toBe('2025-03-09T09:00:00.000Z');
  });

  it.each([
    ['a date already past', { due: '2025-01-01' }, 'already_due'],
    ['an empty date field', {}, 'no_date'],
    ['a field that is no date', { due: 'soon' }, 'no_date'],
  ])('goes straight on for %s', (_d, record, result) => {
    const instance = new Instance(waitFlow({ untilField: 'due' }));
    const { state, effects } = instance.start(record);
    expect(state.status).toBe('completed');
    expect(effects.some((e) => e.type === 'scheduleTimer')).toBe(false);
    expect(state.path[1]).toMatchObject({ nodeId: 'pause', result });
  });

  it.each([
    ['an unknown timer key', 'nope:1:wait'],
    ['a timer already fired', 'pause:3:wait'],
  ])('refuses %s with timer_not_pending', (_d, key) => {
    const instance = new Instance(
      flowOf(
        [
          start(),
          { id: 'pause', type: 'wait', settings: { duration: { hours: 1 } } },
          { id: 'p', type: 'pending' },
          end(),
        ],
        [
          { source: 'start', target: 'pause' },
          { source: 'pause', target: 'p' },
          { source: 'p', target: 'end' },
        ],
      ),
    );
    instance.start();
    if (key === 'pause:3:wait') instance.fire(key);
    let thrown: unknown;
    try {
      instance.fire(key);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuntimeError);
    expect((thrown as RuntimeError).code).toBe('timer_not_pending');
  });
});
