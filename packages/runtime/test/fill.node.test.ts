import { end, fill, flowOf, Instance, role, start, user } from './helpers/fake-world';

function fillFlow(mode: 'any' | 'all' | 'sequential', extra: Record<string, never> = {}) {
  return flowOf(
    [start(), fill('complete', mode, [role('sales')], extra), { id: 'after', type: 'echo' }, end()],
    [
      { source: 'start', target: 'complete' },
      { source: 'complete', target: 'after' },
      { source: 'after', target: 'end' },
    ],
  );
}

describe('fill-in (填写)', () => {
  it('creates fill tasks, merges the submitted data and leaves by its only edge', () => {
    const instance = new Instance(fillFlow('any'));
    instance.start({ amount: 1 });
    expect(instance.effectsOf('createTask').map((e) => [e.taskKey, e.kind])).toEqual([
      ['complete:3:s1', 'fill'],
      ['complete:3:s2', 'fill'],
      ['complete:3:s3', 'fill'],
    ]);
    const { state, effects } = instance.act('complete:3:s2', 'submit', 's2', {
      address: 'Hangzhou',
    });
    expect(effects.slice(0, 2)).toEqual([
      { type: 'updateRecord', nodeId: 'complete', activation: 3, patch: { address: 'Hangzhou' } },
      { type: 'completeTask', taskKey: 'complete:3:s2', action: 'submit', userId: 's2' },
    ]);
    expect(state).toMatchObject({
      status: 'completed',
      record: { amount: 1, address: 'Hangzhou' },
    });
    expect(state.path[1]).toMatchObject({ nodeId: 'complete', result: 'submit' });
  });

  it('all: waits for every submission', () => {
    const instance = new Instance(fillFlow('all'));
    instance.start();
    instance.act('complete:3:s1', 'submit', 's1');
    instance.act('complete:3:s3', 'submit', 's3');
    expect(instance.state?.status).toBe('running');
    instance.act('complete:3:s2', 'submit', 's2');
    expect(instance.state?.status).toBe('completed');
  });

  it('sequential: one task at a time', () => {
    const instance = new Instance(fillFlow('sequential'));
    instance.start();
    expect(instance.openTasks()).toEqual(['complete:3:s1']);
    instance.act('complete:3:s1', 'submit', 's1');
    expect(instance.openTasks()).toEqual(['complete:3:s2']);
  });

  it.each([
    ['reject', { action: 'reject' as const }],
    ['approve', { action: 'approve' as const }],
    ['add_signer', { action: 'add_signer' as const, userIds: ['x'], position: 'after' as const }],
  ])('refuses %s with action_not_allowed', (_name, args) => {
    const instance = new Instance(fillFlow('any'));
    instance.start();
    expect(() => instance.do('complete:3:s1', 's1', args)).toThrow(
      expect.objectContaining({ code: 'action_not_allowed' }) as Error,
    );
  });

  it('takes a transfer', () => {
    const instance = new Instance(
      flowOf(
        [start(), fill('complete', 'any', [user('u1')]), end()],
        [
          { source: 'start', target: 'complete' },
          { source: 'complete', target: 'end' },
        ],
      ),
    );
    instance.start();
    instance.do('complete:3:u1', 'u1', { action: 'transfer', toUserId: 'u2' });
    expect(instance.openTasks()).toEqual(['complete:3:u2']);
  });
});
