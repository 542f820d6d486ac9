import { RuntimeError } from '../src';
import { approval, end, flowOf, Instance, role, start, user } from './helpers/fake-world';

function flow(mode: 'any' | 'all', extra: Record<string, never> = {}) {
  return flowOf(
    [start(), approval('review', mode, [user('u1'), user('u2')], extra), end()],
    [
      { source: 'start', target: 'review' },
      { source: 'review', target: 'end', outcome: 'approve' },
    ],
  );
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as RuntimeError).code;
  }
  return undefined;
}

describe('transfer (转交)', () => {
  it('completes the task as transferred and gives the same node and token a task for the new user', () => {
    const instance = new Instance(flow('all'));
    instance.start();
    const { effects, state } = instance.do('review:3:u1', 'u1', {
      action: 'transfer',
      toUserId: 'u9',
    });
    expect(effects).toEqual([
      { type: 'completeTask', taskKey: 'review:3:u1', action: 'transfer', userId: 'u1' },
      {
        type: 'createTask',
        taskKey: 'review:3:u9',
        nodeId: 'review',
        tokenId: 'tk1',
        assigneeId: 'u9',
        activation: 3,
        kind: 'approval',
        origin: 'transfer',
      },
    ]);
    expect(state.approvals[0]?.participants.map((p) => [p.userId, p.status])).toEqual([
      ['u9', 'open'],
      ['u2', 'open'],
    ]);
    expect(codeOf(() => instance.act('review:3:u1', 'approve', 'u1'))).toBe('task_not_open');
  });

  it('the new holder decides in the transferred one’s place (会签 still needs everyone)', () => {
    const instance = new Instance(flow('all'));
    instance.start();
    instance.do('review:3:u1', 'u1', { action: 'transfer', toUserId: 'u9' });
    instance.act('review:3:u9', 'approve', 'u9');
    expect(instance.state?.status).toBe('running');
    instance.act('review:3:u2', 'approve', 'u2');
    expect(instance.state).toMatchObject({ status: 'completed', outcome: 'approved' });
  });

  it('a task transferred back gets a fresh key', () => {
    const instance = new Instance(flow('any'));
    instance.start();
    instance.do('review:3:u1', 'u1', { action: 'transfer', toUserId: 'u9' });
    instance.do('review:3:u9', 'u9', { action: 'transfer', toUserId: 'u1' });
    expect(instance.openTasks()).toEqual(['review:3:u1:2', 'review:3:u2']);
  });

  it.each([
    ['to the holder', 'u1'],
    ['to someone who already holds a task here', 'u2'],
  ])('refuses a transfer %s', (_d, toUserId) => {
    const instance = new Instance(flow('any'));
    instance.start();
    expect(codeOf(() => instance.do('review:3:u1', 'u1', { action: 'transfer', toUserId }))).toBe(
      'action_not_allowed',
    );
  });

  it('refuses a transfer the node switched off', () => {
    const instance = new Instance(flow('any', { allowedActions: ['return'] as never }));
    instance.start();
    expect(
      codeOf(() => instance.do('review:3:u1', 'u1', { action: 'transfer', toUserId: 'x' })),
    ).toBe('action_not_allowed');
  });

  it('keeps the role of a transferred signer', () => {
    const instance = new Instance(
      flowOf(
        [start(), approval('review', 'any', [role('manager')]), end()],
        [
          { source: 'start', target: 'review' },
          { source: 'review', target: 'end', outcome: 'approve' },
        ],
      ),
    );
    instance.start();
    instance.do('review:3:mgr', 'mgr', { action: 'add_signer', userIds: ['v'], position: 'after' });
    instance.do('review:3:v', 'v', { action: 'transfer', toUserId: 'w' });
    expect(instance.state?.status).toBe('running');
    instance.act('review:3:w', 'approve', 'w');
    expect(instance.state?.status).toBe('completed');
  });
});
