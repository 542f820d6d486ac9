import { RuntimeError } from '../src';
import { approval, end, flowOf, Instance, start, user } from './helpers/fake-world';

function flow(mode: 'any' | 'all' | 'sequential', assignees = ['u1', 'u2']) {
  return flowOf(
    [start(), approval('review', mode, assignees.map(user)), end('ok'), end('no', 'rejected')],
    [
      { source: 'start', target: 'review' },
      { source: 'review', target: 'ok', outcome: 'approve' },
      { source: 'review', target: 'no', outcome: 'reject' },
    ],
  );
}

const created = (instance: Instance) =>
  instance.effectsOf('createTask').map((e) => [e.taskKey, e.origin]);

describe('add_signer before (前加签)', () => {
  it('the signers approve first, then the actor’s task reopens with a fresh key', () => {
    const instance = new Instance(flow('any', ['u1']));
    instance.start();
    const { effects } = instance.do('review:3:u1', 'u1', {
      action: 'add_signer',
      userIds: ['v1', 'v2', 'v1'],
      position: 'before',
    });
    expect(effects[0]).toEqual({
      type: 'completeTask',
      taskKey: 'review:3:u1',
      action: 'add_signer',
      userId: 'u1',
    });
    expect(created(instance)).toEqual([
      ['review:3:v1', 'add_signer'],
      ['review:3:v2', 'add_signer'],
    ]);
    instance.act('review:3:v1', 'approve', 'v1');
    expect(created(instance)).toEqual([]);
    instance.act('review:3:v2', 'approve', 'v2');
    expect(created(instance)).toEqual([['review:3:u1:2', 'reopen']]);
    expect(instance.state?.status).toBe('running');
    instance.act('review:3:u1:2', 'approve', 'u1');
    expect(instance.state).toMatchObject({ status: 'completed', outcome: 'approved' });
  });

  it('a signer’s reject rejects the node', () => {
    const instance = new Instance(flow('all'));
    instance.start();
    instance.do('review:3:u1', 'u1', { action: 'add_signer', userIds: ['v1'], position: 'before' });
    const { state, effects } = instance.act('review:3:v1', 'reject', 'v1');
    expect(state.outcome).toBe('rejected');
    expect(effects).toContainEqual({
      type: 'cancelTask',
      taskKey: 'review:3:u2',
      reason: 'rejected',
    });
  });

  it('或签: another assignee’s approval decides while the signers are still asked', () => {
    const instance = new Instance(flow('any'));
    instance.start();
    instance.do('review:3:u1', 'u1', { action: 'add_signer', userIds: ['v1'], position: 'before' });
    const { state, effects } = instance.act('review:3:u2', 'approve', 'u2');
    expect(state.outcome).toBe('approved');
    expect(effects).toContainEqual({
      type: 'cancelTask',
      taskKey: 'review:3:v1',
      reason: 'decided_by_other',
    });
  });
});

describe('add_signer after (后加签)', () => {
  it('counts the actor’s approval, and the node waits for the signers', () => {
    const instance = new Instance(flow('any', ['u1']));
    instance.start();
    instance.do('review:3:u1', 'u1', { action: 'add_signer', userIds: ['v1'], position: 'after' });
    expect(instance.state?.approvals[0]?.approvedBy).toEqual(['u1']);
    expect(instance.state?.status).toBe('running');
    instance.act('review:3:v1', 'approve', 'v1');
    expect(instance.state).toMatchObject({ status: 'completed', outcome: 'approved' });
  });

  it('或签: the other assignees’ tasks go once the actor approved, the signers stay', () => {
    const instance = new Instance(flow('any'));
    instance.start();
    const { effects } = instance.do('review:3:u1', 'u1', {
      action: 'add_signer',
      userIds: ['v1'],
      position: 'after',
    });
    expect(effects).toContainEqual({
      type: 'cancelTask',
      taskKey: 'review:3:u2',
      reason: 'decided_by_other',
    });
    expect(instance.openTasks()).toEqual(['review:3:v1']);
  });

  it('依次: the signers come before the next assignee', () => {
    const instance = new Instance(flow('sequential'));
    instance.start();
    instance.do('review:3:u1', 'u1', { action: 'add_signer', userIds: ['v1'], position: 'after' });
    expect(instance.openTasks()).toEqual(['review:3:v1']);
    instance.act('review:3:v1', 'approve', 'v1');
    expect(instance.openTasks()).toEqual(['review:3:u2']);
    instance.act('review:3:u2', 'approve', 'u2');
    expect(instance.state?.outcome).toBe('approved');
  });

  it('a signer’s reject rejects', () => {
    const instance = new Instance(flow('any', ['u1']));
    instance.start();
    instance.do('review:3:u1', 'u1', { action: 'add_signer', userIds: ['v1'], position: 'after' });
    expect(instance.act('review:3:v1', 'reject', 'v1').state.outcome).toBe('rejected');
  });
});

describe('add_signer refused', () => {
  it.each([
    ['nobody', []],
    ['only people who already hold a task', ['u1', 'u2']],
  ])('with %s', (_d, userIds) => {
    const instance = new Instance(flow('all'));
    instance.start();
    let code: string | undefined;
    try {
      instance.do('review:3:u1', 'u1', { action: 'add_signer', userIds, position: 'before' });
    } catch (error) {
      code = (error as RuntimeError).code;
    }
    expect(code).toBe('action_not_allowed');
  });
});
