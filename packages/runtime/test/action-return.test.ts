import type { JsonValue } from '@liuyun/definitions';
import { RuntimeError } from '../src';
import { approval, end, fill, flowOf, Instance, role, start, user } from './helpers/fake-world';

/** start → edit (fill by the submitter) → manager → director → end; rejects end rejected. */
function chain(directorExtra: Record<string, JsonValue> = {}) {
  return flowOf(
    [
      start(),
      fill('edit', 'any', [{ kind: 'submitter' }]),
      approval('manager', 'any', [role('manager')]),
      approval('director', 'any', [role('director')], directorExtra),
      end(),
    ],
    [
      { source: 'start', target: 'edit' },
      { source: 'edit', target: 'manager' },
      { source: 'manager', target: 'director', outcome: 'approve' },
      { source: 'director', target: 'end', outcome: 'approve' },
    ],
  );
}

/** Runs the chain up to the director's task; returns the instance. */
function atDirector(directorExtra: Record<string, JsonValue> = {}): Instance {
  const instance = new Instance(chain(directorExtra));
  instance.start({ amount: 10 }, 'alice');
  instance.act('edit:3:alice', 'submit', 'alice');
  instance.act('manager:4:mgr', 'approve', 'mgr');
  return instance;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof RuntimeError ? error.code : 'not a RuntimeError';
  }
  return undefined;
}

describe('return (退回)', () => {
  it('re-enters the target and, by default, follows the flow from there', () => {
    const instance = atDirector();
    const { state, effects } = instance.do('director:5:dir', 'dir', {
      action: 'return',
      toNodeId: 'edit',
    });
    expect(effects).toEqual([
      { type: 'completeTask', taskKey: 'director:5:dir', action: 'return', userId: 'dir' },
      expect.objectContaining({ type: 'createTask', taskKey: 'edit:6:alice', kind: 'fill' }),
    ]);
    expect(state.returns).toEqual([
      { tokenId: 'tk1', toNodeId: 'edit', fromNodeId: 'director', resubmitTo: 'flow' },
    ]);
    expect(state.path.at(-2)).toMatchObject({ nodeId: 'director', result: 'return' });
    instance.act('edit:6:alice', 'submit', 'alice', { amount: 8 });
    expect(instance.pathIds().slice(-2)).toEqual(['edit', 'manager']);
    expect(instance.state?.returns).toEqual([]);
  });

  it('resubmitTo returner: the resubmission goes straight back to the returning node', () => {
    const instance = atDirector({ resubmitTo: 'returner' });
    instance.do('director:5:dir', 'dir', { action: 'return', toNodeId: 'edit' });
    const { state } = instance.act('edit:6:alice', 'submit', 'alice');
    expect(instance.pathIds()).toEqual([
      'start',
      'edit',
      'manager',
      'director',
      'edit',
      'director',
    ]);
    expect(state.returns).toEqual([]);
    expect(instance.effectsOf('createTask')).toEqual([
      expect.objectContaining({ taskKey: 'director:7:dir', kind: 'approval' }),
    ]);
    instance.act('director:7:dir', 'approve', 'dir');
    expect(instance.state).toMatchObject({ status: 'completed', outcome: 'approved' });
  });

  it('to the start: the submitter gets a resubmit task, then straight back', () => {
    const instance = atDirector({ resubmitTo: 'returner' });
    instance.do('director:5:dir', 'dir', { action: 'return', toNodeId: 'start' });
    expect(instance.effectsOf('createTask')).toEqual([
      expect.objectContaining({ taskKey: 'start:6:alice', assigneeId: 'alice', kind: 'resubmit' }),
    ]);
    expect(codeOf(() => instance.act('start:6:alice', 'approve', 'alice'))).toBe(
      'action_not_allowed',
    );
    instance.act('start:6:alice', 'submit', 'alice', { amount: 5 });
    expect(instance.pathIds().slice(-2)).toEqual(['start', 'director']);
    expect(instance.state?.path.at(-2)?.result).toBe('resubmit');
    expect(instance.state?.record).toEqual({ amount: 5 });
  });

  it('a reject at the returned-to node follows the reject path, not the returner', () => {
    const flow = flowOf(
      [
        start(),
        approval('manager', 'any', [role('manager')]),
        approval('director', 'any', [role('director')], { resubmitTo: 'returner' }),
        end(),
        end('no', 'rejected'),
      ],
      [
        { source: 'start', target: 'manager' },
        { source: 'manager', target: 'director', outcome: 'approve' },
        { source: 'manager', target: 'no', outcome: 'reject' },
        { source: 'director', target: 'end', outcome: 'approve' },
      ],
    );
    const instance = new Instance(flow);
    instance.start();
    instance.act('manager:3:mgr', 'approve', 'mgr');
    instance.do('director:4:dir', 'dir', { action: 'return', toNodeId: 'manager' });
    const { state } = instance.act('manager:5:mgr', 'reject', 'mgr');
    expect(state).toMatchObject({ status: 'completed', outcome: 'rejected', returns: [] });
  });

  it('from inside a parallel branch to before the split: the other branches go', () => {
    const flow = flowOf(
      [
        start(),
        fill('edit', 'any', [{ kind: 'submitter' }]),
        { id: 'split', type: 'parallel_split' },
        approval('legal', 'any', [role('manager')]),
        approval('finance', 'any', [role('director')]),
        { id: 'join', type: 'parallel_join' },
        end(),
      ],
      [
        { source: 'start', target: 'edit' },
        { source: 'edit', target: 'split' },
        { source: 'split', target: 'legal' },
        { source: 'split', target: 'finance' },
        { source: 'legal', target: 'join', outcome: 'approve' },
        { source: 'finance', target: 'join', outcome: 'approve' },
        { source: 'join', target: 'end' },
      ],
    );
    const instance = new Instance(flow);
    instance.start({}, 'alice');
    instance.act('edit:3:alice', 'submit', 'alice');
    const [legal, finance] = instance.openTasks();
    instance.act(legal ?? '', 'approve', 'mgr');
    expect(instance.state?.joins).toEqual({ join: 1 });
    expect(
      codeOf(() => instance.do(finance ?? '', 'dir', { action: 'return', toNodeId: 'legal' })),
    ).toBe('invalid_return_target');
    const { state } = instance.do(finance ?? '', 'dir', { action: 'return', toNodeId: 'edit' });
    expect(state.tokens).toEqual([expect.objectContaining({ nodeId: 'edit', status: 'waiting' })]);
    expect(state.joins).toEqual({});
    instance.act(instance.openTasks()[0] ?? '', 'submit', 'alice');
    expect(instance.openTasks()).toHaveLength(2);
  });

  it('cancels the other open tasks of the node and its timers', () => {
    const flow = flowOf(
      [
        start(),
        approval('review', 'all', [role('sales')], { deadline: { hours: 8, action: 'remind' } }),
        end(),
      ],
      [
        { source: 'start', target: 'review' },
        { source: 'review', target: 'end', outcome: 'approve' },
      ],
    );
    const instance = new Instance(flow);
    instance.start({}, 'alice');
    const { effects, state } = instance.do('review:3:s2', 's2', {
      action: 'return',
      toNodeId: 'start',
    });
    expect(effects.filter((e) => e.type === 'cancelTask' || e.type === 'cancelTimer')).toEqual([
      { type: 'cancelTask', taskKey: 'review:3:s1', reason: 'returned' },
      { type: 'cancelTask', taskKey: 'review:3:s3', reason: 'returned' },
      { type: 'cancelTimer', timerKey: 'review:3:deadline', reason: 'returned' },
    ]);
    expect(state.timers).toEqual([]);
  });

  it.each([
    ['a node not on the path', 'end'],
    ['the node itself', 'director'],
    ['a node that does not exist', 'ghost'],
  ])('refuses %s with invalid_return_target', (_d, toNodeId) => {
    const instance = atDirector();
    expect(codeOf(() => instance.do('director:5:dir', 'dir', { action: 'return', toNodeId }))).toBe(
      'invalid_return_target',
    );
  });

  it('refuses a return the node switched off', () => {
    const instance = atDirector({ allowedActions: ['transfer'] });
    expect(
      codeOf(() => instance.do('director:5:dir', 'dir', { action: 'return', toNodeId: 'edit' })),
    ).toBe('action_not_allowed');
    expect(instance.state?.status).toBe('running');
  });

  it('a resubmission after transfer goes straight back too', () => {
    const instance = new Instance(
      flowOf(
        [
          start(),
          fill('edit', 'any', [user('u1')]),
          approval('boss', 'any', [user('b1')], { resubmitTo: 'returner' }),
          end(),
        ],
        [
          { source: 'start', target: 'edit' },
          { source: 'edit', target: 'boss' },
          { source: 'boss', target: 'end', outcome: 'approve' },
        ],
      ),
    );
    instance.start();
    instance.act('edit:3:u1', 'submit', 'u1');
    instance.do('boss:4:b1', 'b1', { action: 'return', toNodeId: 'edit' });
    instance.do('edit:5:u1', 'u1', { action: 'transfer', toUserId: 'u2' });
    instance.act('edit:5:u2', 'submit', 'u2');
    expect(instance.pathIds().slice(-1)).toEqual(['boss']);
  });
});
