import type { JsonValue } from '@liuyun/definitions';
import { approval, end, flowOf, Instance, role, start } from './helpers/fake-world';

describe('exclusive branch', () => {
  // Conditions overlap on purpose: priority decides, not the order of the edges.
  const flow = flowOf(
    [
      start(),
      { id: 'branch', type: 'exclusive' },
      end('big'),
      end('medium'),
      end('small', 'rejected'),
    ],
    [
      { source: 'start', target: 'branch' },
      {
        id: 'to-medium',
        source: 'branch',
        target: 'medium',
        condition: { '>': [{ var: 'amount' }, 100] },
        priority: 2,
      },
      {
        id: 'to-big',
        source: 'branch',
        target: 'big',
        condition: { '>': [{ var: 'amount' }, 1000] },
        priority: 1,
      },
      { id: 'to-small', source: 'branch', target: 'small', isDefault: true },
    ],
  );
  const cases: { amount: JsonValue; end: string; edge: string }[] = [
    { amount: 5000, end: 'big', edge: 'to-big' },
    { amount: 500, end: 'medium', edge: 'to-medium' },
    { amount: 50, end: 'small', edge: 'to-small' },
    { amount: null, end: 'small', edge: 'to-small' },
  ];

  it.each(cases)('amount $amount goes to $end', ({ amount, end: target, edge }) => {
    const instance = new Instance(flow);
    instance.start({ amount });
    expect(instance.pathIds()).toEqual(['start', 'branch', target]);
    expect(instance.state?.path[1]?.result).toBe(edge);
  });

  it('fails with no_branch_matched when nothing holds and there is no default', () => {
    const noDefault = flowOf(
      [start(), { id: 'branch', type: 'exclusive' }, end()],
      [
        { source: 'start', target: 'branch' },
        { source: 'branch', target: 'end', condition: { '==': [{ var: 'kind' }, 'vip'] } },
      ],
    );
    const { state, effects } = new Instance(noDefault).start({ kind: 'normal' });
    expect(state).toMatchObject({
      status: 'failed',
      error: { code: 'no_branch_matched', nodeId: 'branch' },
    });
    expect(effects).toEqual([
      expect.objectContaining({ type: 'incident', code: 'no_branch_matched' }),
    ]);
  });
});

describe('parallel split and join with 3 branches', () => {
  const flow = flowOf(
    [
      start(),
      { id: 'split', type: 'parallel_split' },
      approval('legal', 'any', [role('manager')]),
      approval('finance', 'any', [role('director')]),
      { id: 'stamp', type: 'update_record', settings: { set: { stamped: true } } },
      { id: 'join', type: 'parallel_join' },
      { id: 'after', type: 'echo' },
      end(),
    ],
    [
      { source: 'start', target: 'split' },
      { source: 'split', target: 'legal' },
      { source: 'split', target: 'finance' },
      { source: 'split', target: 'stamp' },
      { source: 'legal', target: 'join', outcome: 'approve' },
      { source: 'finance', target: 'join', outcome: 'approve' },
      { source: 'stamp', target: 'join' },
      { source: 'join', target: 'after' },
      { source: 'after', target: 'end' },
    ],
  );

  it('forks one token per branch and joins once all three arrived', () => {
    const instance = new Instance(flow);
    const started = instance.start();
    expect(started.state.tokens.map((t) => [t.id, t.nodeId, t.status])).toEqual([
      ['tk1', 'legal', 'waiting'],
      ['tk4', 'finance', 'waiting'],
    ]);
    expect(started.state.joins).toEqual({ join: 1 });
    expect(started.state.record).toEqual({ stamped: true });
    const [legal, finance] = instance.effectsOf('createTask').map((e) => e.taskKey);

    const afterLegal = instance.act(legal ?? '', 'approve', 'mgr');
    expect(afterLegal.state.joins).toEqual({ join: 2 });
    expect(afterLegal.state.tokens).toHaveLength(1);

    const done = instance.act(finance ?? '', 'approve', 'dir');
    expect(done.state).toMatchObject({
      status: 'completed',
      outcome: 'approved',
      joins: {},
      tokens: [],
    });
    expect(instance.pathIds().filter((id) => id === 'join')).toHaveLength(3);
    expect(instance.pathIds().filter((id) => id === 'after')).toHaveLength(1);
  });

  it('ends everything when one branch reaches an end: the other tasks are cancelled', () => {
    const terminating = flowOf(
      [
        start(),
        { id: 'split', type: 'parallel_split' },
        approval('legal', 'any', [role('manager')]),
        { id: 'wait', type: 'pending' },
        end('stop', 'rejected'),
        end(),
      ],
      [
        { source: 'start', target: 'split' },
        { source: 'split', target: 'legal' },
        { source: 'split', target: 'wait' },
        { source: 'legal', target: 'stop', outcome: 'reject' },
        { source: 'legal', target: 'end', outcome: 'approve' },
        { source: 'wait', target: 'end' },
      ],
    );
    const instance = new Instance(terminating);
    instance.start();
    expect(instance.state?.tokens.map((t) => t.nodeId)).toEqual(['legal', 'wait']);
    const { state, effects } = instance.act('legal:5:mgr', 'reject', 'mgr');
    expect(effects).toEqual([
      { type: 'completeTask', taskKey: 'legal:5:mgr', action: 'reject', userId: 'mgr' },
      { type: 'instanceEnded', outcome: 'rejected' },
    ]);
    expect(state).toMatchObject({ status: 'completed', outcome: 'rejected', tokens: [] });
  });

  it('cancels open tasks of other branches when an end is reached', () => {
    const twoApprovals = flowOf(
      [
        start(),
        { id: 'split', type: 'parallel_split' },
        approval('a', 'any', [role('manager')]),
        approval('b', 'any', [role('director')]),
        end(),
      ],
      [
        { source: 'start', target: 'split' },
        { source: 'split', target: 'a' },
        { source: 'split', target: 'b' },
        { source: 'a', target: 'end', outcome: 'approve' },
        { source: 'b', target: 'end', outcome: 'approve' },
      ],
    );
    const instance = new Instance(twoApprovals);
    instance.start();
    const [first, second] = instance.effectsOf('createTask').map((e) => e.taskKey);
    const { effects } = instance.act(first ?? '', 'approve', 'mgr');
    expect(effects).toContainEqual({
      type: 'cancelTask',
      taskKey: second,
      reason: 'instance_ended',
    });
  });
});

describe('update_record', () => {
  it('evaluates every rule on the record as it arrived, applies and emits the patch', () => {
    const flow = flowOf(
      [
        start(),
        {
          id: 'calc',
          type: 'update_record',
          settings: {
            set: {
              status: 'approved',
              total: { round: [{ '*': [{ var: 'amount' }, 1.13] }, 2] },
              amount: 0,
            },
          },
        },
        end(),
      ],
      [
        { source: 'start', target: 'calc' },
        { source: 'calc', target: 'end' },
      ],
    );
    const instance = new Instance(flow);
    const { state, effects } = instance.start({ amount: 99.99 });
    expect(effects[0]).toEqual({
      type: 'updateRecord',
      nodeId: 'calc',
      activation: 3,
      patch: { status: 'approved', total: 112.99, amount: 0 },
    });
    expect(state.record).toEqual({ amount: 0, status: 'approved', total: 112.99 });
  });

  it('fails with rule_failed when a rule cannot run', () => {
    const flow = flowOf(
      [
        start(),
        { id: 'calc', type: 'update_record', settings: { set: { x: { nope: [1] } } } },
        end(),
      ],
      [
        { source: 'start', target: 'calc' },
        { source: 'calc', target: 'end' },
      ],
    );
    const { state } = new Instance(flow).start();
    expect(state.error).toMatchObject({ code: 'rule_failed', nodeId: 'calc' });
  });
});
