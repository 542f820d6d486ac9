import type { WithdrawPolicy } from '@liuyun/definitions';
import { RuntimeError } from '../src';
import { approval, end, flowOf, Instance, role, start } from './helpers/fake-world';

function flow(policy: WithdrawPolicy | undefined) {
  const base = flowOf(
    [
      start(),
      approval('review', 'all', [role('sales')], { deadline: { hours: 4, action: 'remind' } }),
      end(),
    ],
    [
      { source: 'start', target: 'review' },
      { source: 'review', target: 'end', outcome: 'approve' },
    ],
  );
  return policy === undefined ? base : { ...base, withdrawPolicy: policy };
}

interface WithdrawCase {
  policy: WithdrawPolicy | undefined;
  /** Whether someone approved before the withdrawal. */
  acted: boolean;
  allowed: boolean;
}

const cases: WithdrawCase[] = [
  { policy: 'never', acted: false, allowed: false },
  { policy: 'until_acted', acted: false, allowed: true },
  { policy: 'until_acted', acted: true, allowed: false },
  { policy: undefined, acted: false, allowed: true },
  { policy: undefined, acted: true, allowed: false },
  { policy: 'always', acted: true, allowed: true },
];

describe('withdraw (撤回)', () => {
  it.each(cases)(
    'policy $policy, acted $acted → allowed $allowed',
    ({ policy, acted, allowed }) => {
      const instance = new Instance(flow(policy));
      instance.start({}, 'alice');
      if (acted) instance.act('review:3:s1', 'approve', 's1');
      if (!allowed) {
        expect(() => instance.send({ type: 'withdraw', userId: 'alice' })).toThrow(
          expect.objectContaining({ code: 'withdraw_not_allowed' }) as Error,
        );
        expect(instance.state?.status).toBe('running');
        return;
      }
      const { state, effects } = instance.send({ type: 'withdraw', userId: 'alice' });
      expect(state).toMatchObject({
        status: 'completed',
        outcome: 'withdrawn',
        tokens: [],
        approvals: [],
        timers: [],
      });
      expect(effects).toEqual([
        ...(acted ? [] : [{ type: 'cancelTask', taskKey: 'review:3:s1', reason: 'withdrawn' }]),
        { type: 'cancelTask', taskKey: 'review:3:s2', reason: 'withdrawn' },
        { type: 'cancelTask', taskKey: 'review:3:s3', reason: 'withdrawn' },
        { type: 'cancelTimer', timerKey: 'review:3:deadline', reason: 'withdrawn' },
        { type: 'instanceEnded', outcome: 'withdrawn' },
      ]);
    },
  );

  it('only the submitter may withdraw', () => {
    const instance = new Instance(flow('always'));
    instance.start({}, 'alice');
    let thrown: unknown;
    try {
      instance.send({ type: 'withdraw', userId: 's1' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuntimeError);
    expect((thrown as RuntimeError).code).toBe('withdraw_not_allowed');
  });

  it('a finished instance cannot be withdrawn', () => {
    const instance = new Instance(flowOf([start(), end()], [{ source: 'start', target: 'end' }]));
    instance.start({}, 'alice');
    expect(() => instance.send({ type: 'withdraw', userId: 'alice' })).toThrow(
      expect.objectContaining({ code: 'instance_not_running' }) as Error,
    );
  });
});
