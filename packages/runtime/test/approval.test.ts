import type { JsonValue } from '@liuyun/definitions';
import { RuntimeError } from '../src';
import { approval, end, flowOf, Instance, role, start } from './helpers/fake-world';

/** start → approval → approved end; reject → rejected end unless `withRejectEdge` is false. */
function approvalFlow(
  mode: 'any' | 'all',
  assignees: JsonValue[] = [role('sales')],
  withRejectEdge = true,
) {
  return flowOf(
    [
      start(),
      approval('review', mode, assignees),
      { id: 'after', type: 'echo' },
      end('ok'),
      end('no', 'rejected'),
    ],
    [
      { source: 'start', target: 'review' },
      { source: 'review', target: 'after', outcome: 'approve' },
      ...(withRejectEdge ? [{ source: 'review', target: 'no', outcome: 'reject' as const }] : []),
      { source: 'after', target: 'ok' },
    ],
  );
}

const keys = (instance: Instance) => instance.effectsOf('createTask').map((e) => e.taskKey);

describe('approval: tasks', () => {
  it('creates one task per resolved assignee, deduplicated, keyed <node>:<activation>:<user>', () => {
    const instance = new Instance(
      approvalFlow('any', [role('sales'), { kind: 'user', username: 's2' }, { kind: 'submitter' }]),
    );
    const { state } = instance.start();
    expect(instance.effectsOf('createTask')).toEqual([
      {
        type: 'createTask',
        taskKey: 'review:3:s1',
        nodeId: 'review',
        tokenId: 'tk1',
        assigneeId: 's1',
        activation: 3,
        kind: 'approval',
      },
      {
        type: 'createTask',
        taskKey: 'review:3:s2',
        nodeId: 'review',
        tokenId: 'tk1',
        assigneeId: 's2',
        activation: 3,
        kind: 'approval',
      },
      {
        type: 'createTask',
        taskKey: 'review:3:s3',
        nodeId: 'review',
        tokenId: 'tk1',
        assigneeId: 's3',
        activation: 3,
        kind: 'approval',
      },
      {
        type: 'createTask',
        taskKey: 'review:3:alice',
        nodeId: 'review',
        tokenId: 'tk1',
        assigneeId: 'alice',
        activation: 3,
        kind: 'approval',
      },
    ]);
    expect(state.approvals).toHaveLength(1);
    expect(state.tokens[0]?.status).toBe('waiting');
  });

  it('raises a no_assignee incident and keeps the token waiting when nobody resolves', () => {
    const instance = new Instance(approvalFlow('any', [role('nobody')]));
    const { state, effects } = instance.start();
    expect(state.status).toBe('running');
    expect(state.tokens).toEqual([
      expect.objectContaining({ nodeId: 'review', status: 'waiting' }),
    ]);
    expect(effects).toEqual([
      expect.objectContaining({ type: 'incident', code: 'no_assignee', nodeId: 'review' }),
    ]);
  });
});

describe('approval: mode any (或签)', () => {
  it('advances on the first approval and cancels the sibling tasks', () => {
    const instance = new Instance(approvalFlow('any'));
    instance.start();
    const { state, effects } = instance.act('review:3:s2', 'approve', 's2');
    expect(effects).toEqual([
      { type: 'completeTask', taskKey: 'review:3:s2', action: 'approve', userId: 's2' },
      { type: 'cancelTask', taskKey: 'review:3:s1', reason: 'decided_by_other' },
      { type: 'cancelTask', taskKey: 'review:3:s3', reason: 'decided_by_other' },
      { type: 'instanceEnded', outcome: 'approved' },
    ]);
    expect(state.status).toBe('completed');
    expect(state.path.map((p) => [p.nodeId, p.result])).toEqual([
      ['start', undefined],
      ['review', 'approve'],
      ['after', undefined],
      ['ok', undefined],
    ]);
    expect(state.path[2]?.at).toBe('2025-03-01T08:01:00.000Z');
  });

  it('refuses a second decision on the same approval with task_not_open', () => {
    const instance = new Instance(approvalFlow('any', [role('sales'), role('manager')]));
    instance.start();
    const running = instance.act('review:3:s1', 'approve', 's1');
    expect(running.state.status).toBe('completed');
    expect(() => instance.act('review:3:mgr', 'approve')).toThrow(RuntimeError);
  });

  it('rejects through the reject edge', () => {
    const instance = new Instance(approvalFlow('any'));
    instance.start();
    const { state, effects } = instance.act('review:3:s1', 'reject', 's1');
    expect(state).toMatchObject({ status: 'completed', outcome: 'rejected' });
    expect(effects.filter((e) => e.type === 'cancelTask')).toEqual([
      { type: 'cancelTask', taskKey: 'review:3:s2', reason: 'rejected' },
      { type: 'cancelTask', taskKey: 'review:3:s3', reason: 'rejected' },
    ]);
    expect(instance.pathIds()).toEqual(['start', 'review', 'no']);
  });
});

describe('approval: mode all (会签)', () => {
  it('advances only after every task is approved', () => {
    const instance = new Instance(approvalFlow('all'));
    instance.start();
    expect(keys(instance)).toEqual(['review:3:s1', 'review:3:s2', 'review:3:s3']);
    for (const user of ['s3', 's1']) {
      const { state, effects } = instance.act(`review:3:${user}`, 'approve', user);
      expect(state.status).toBe('running');
      expect(effects).toEqual([
        { type: 'completeTask', taskKey: `review:3:${user}`, action: 'approve', userId: user },
      ]);
    }
    expect(instance.state?.approvals[0]?.approvedBy).toEqual(['s3', 's1']);
    expect(() => instance.act('review:3:s1', 'approve', 's1')).toThrow(
      expect.objectContaining({ code: 'task_not_open' }) as Error,
    );
    const { state } = instance.act('review:3:s2', 'approve', 's2');
    expect(state).toMatchObject({ status: 'completed', outcome: 'approved', approvals: [] });
  });

  it('lets one reject reject, cancelling only the tasks still open', () => {
    const instance = new Instance(approvalFlow('all'));
    instance.start();
    instance.act('review:3:s1', 'approve', 's1');
    const { state, effects } = instance.act('review:3:s2', 'reject', 's2');
    expect(effects).toEqual([
      { type: 'completeTask', taskKey: 'review:3:s2', action: 'reject', userId: 's2' },
      { type: 'cancelTask', taskKey: 'review:3:s3', reason: 'rejected' },
      { type: 'instanceEnded', outcome: 'rejected' },
    ]);
    expect(state.outcome).toBe('rejected');
  });

  it('ends the instance as rejected when there is no reject edge', () => {
    const instance = new Instance(approvalFlow('all', [role('sales')], false));
    instance.start();
    const { state, effects } = instance.act('review:3:s3', 'reject', 's3');
    expect(state).toMatchObject({ status: 'completed', outcome: 'rejected', tokens: [] });
    expect(effects.at(-1)).toEqual({ type: 'instanceEnded', outcome: 'rejected' });
    expect(state.path.at(-1)).toMatchObject({ nodeId: 'review', result: 'reject' });
  });
});

describe('approval: decisions with data', () => {
  it('merges the data into the record and emits it as an update', () => {
    const instance = new Instance(approvalFlow('any'));
    instance.start({ amount: 100 });
    const { state, effects } = instance.act('review:3:s1', 'approve', 's1', {
      comment_field: 'fine',
      ...(JSON.parse('{"__proto__":{"polluted":true}}') as object),
    });
    expect(state.record).toEqual({ amount: 100, comment_field: 'fine' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(effects[0]).toEqual({
      type: 'updateRecord',
      nodeId: 'review',
      activation: 3,
      patch: { comment_field: 'fine' },
    });
  });

  it('refuses an unknown task key', () => {
    const instance = new Instance(approvalFlow('any'));
    instance.start();
    expect(() => instance.act('review:99:s1', 'approve')).toThrow(
      expect.objectContaining({ code: 'task_not_open' }) as Error,
    );
  });
});
