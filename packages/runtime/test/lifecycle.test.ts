import type { InstanceState } from '../src';
import { RuntimeError, STEP_BUDGET } from '../src';
import { directory, end, FakeClock, flowOf, Instance, start, testStep } from './helpers/fake-world';

describe('lifecycle with stub nodes', () => {
  it('runs a start → echo → echo → end chain in one step, with the time of each entry', () => {
    const flow = flowOf(
      [start(), { id: 'a', type: 'echo' }, { id: 'b', type: 'echo' }, end()],
      [
        { source: 'start', target: 'a' },
        { source: 'a', target: 'b' },
        { source: 'b', target: 'end' },
      ],
    );
    const instance = new Instance(flow);
    const { state, effects } = instance.start({ amount: 5 });
    expect(instance.pathIds()).toEqual(['start', 'a', 'b', 'end']);
    expect(state.path.every((entry) => entry.at === '2025-03-01T08:00:00.000Z')).toBe(true);
    expect(state).toMatchObject({
      status: 'completed',
      outcome: 'approved',
      tokens: [],
      record: { amount: 5 },
      steps: 4,
    });
    expect(effects).toEqual([{ type: 'instanceEnded', outcome: 'approved' }]);
  });

  it('leaves a token waiting on a pending node (status stays running)', () => {
    const flow = flowOf(
      [start(), { id: 'p', type: 'pending' }, end()],
      [
        { source: 'start', target: 'p' },
        { source: 'p', target: 'end' },
      ],
    );
    const { state, effects } = new Instance(flow).start();
    expect(state.status).toBe('running');
    expect(state.tokens).toEqual([{ id: 'tk1', nodeId: 'p', activation: 3, status: 'waiting' }]);
    expect(effects).toEqual([]);
  });

  it('fails the instance with an incident when a node fails', () => {
    const flow = flowOf(
      [start(), { id: 'boom', type: 'fail' }, end()],
      [
        { source: 'start', target: 'boom' },
        { source: 'boom', target: 'end' },
      ],
    );
    const { state, effects } = new Instance(flow).start();
    expect(state.status).toBe('failed');
    expect(state.error).toEqual({
      code: 'stub_failed',
      message: 'node "boom" always fails',
      nodeId: 'boom',
    });
    expect(effects).toEqual([
      {
        type: 'incident',
        code: 'stub_failed',
        message: 'node "boom" always fails',
        nodeId: 'boom',
      },
    ]);
  });

  it('fails with an incident on a node type nobody registered', () => {
    const flow = flowOf(
      [start(), { id: 'x', type: 'teleport' }, end()],
      [
        { source: 'start', target: 'x' },
        { source: 'x', target: 'end' },
      ],
    );
    const { state } = new Instance(flow).start();
    expect(state.error).toMatchObject({ code: 'unknown_node_type', nodeId: 'x' });
  });

  it('fails a node with no way out as a dead end', () => {
    const { state } = new Instance(flowOf([start(), end()], [])).start();
    expect(state.error).toMatchObject({ code: 'dead_end', nodeId: 'start' });
  });

  it('cuts a runaway loop at the step budget with an incident', () => {
    const flow = flowOf(
      [start(), { id: 'a', type: 'echo' }, { id: 'b', type: 'echo' }],
      [
        { source: 'start', target: 'a' },
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
      ],
    );
    const { state, effects } = new Instance(flow).start();
    expect(state.status).toBe('failed');
    expect(state.steps).toBe(STEP_BUDGET);
    expect(state.path).toHaveLength(STEP_BUDGET);
    expect(effects).toEqual([
      expect.objectContaining({ type: 'incident', code: 'step_budget_exceeded' }),
    ]);
  });

  it('fails a flow without a start', () => {
    const { state, effects } = new Instance(flowOf([end()], [])).start();
    expect(state.status).toBe('failed');
    expect(effects).toEqual([expect.objectContaining({ code: 'no_start' })]);
  });
});

describe('events that do not apply throw RuntimeError before changing anything', () => {
  const flow = flowOf([start(), end()], [{ source: 'start', target: 'end' }]);
  const clock = new FakeClock();
  const startEvent = { type: 'start' as const, record: {}, submitterId: 'alice' };
  const action = {
    type: 'task_action' as const,
    taskKey: 'x:1:u',
    action: 'approve' as const,
    userId: 'u',
  };

  const cases: { description: string; run: () => unknown; code: string }[] = [
    {
      description: 'a task action before the start',
      run: () => testStep(flow, null, action, clock, directory),
      code: 'instance_not_running',
    },
    {
      description: 'a task action on a completed instance',
      run: () =>
        testStep(
          flow,
          testStep(flow, null, startEvent, clock, directory).state,
          action,
          clock,
          directory,
        ),
      code: 'instance_not_running',
    },
    {
      description: 'a second start',
      run: () =>
        testStep(
          flow,
          testStep(flow, null, startEvent, clock, directory).state,
          startEvent,
          clock,
          directory,
        ),
      code: 'instance_already_started',
    },
  ];

  it.each(cases.map((c) => [c.description, c] as const))('%s', (_d, c) => {
    let thrown: unknown;
    try {
      c.run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuntimeError);
    expect((thrown as RuntimeError).code).toBe(c.code);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach((child) => deepFreeze(child));
    Object.freeze(value);
  }
  return value;
}

describe('purity', () => {
  const flow = deepFreeze(
    flowOf(
      [
        start(),
        { id: 'split', type: 'parallel_split' },
        {
          id: 'a',
          type: 'approval',
          settings: { assignees: [{ kind: 'role', role: 'sales' }], mode: 'all' },
        },
        {
          id: 'b',
          type: 'update_record',
          settings: { set: { stage: 'b', total: { '*': [{ var: 'amount' }, 2] } } },
        },
        { id: 'join', type: 'parallel_join' },
        end(),
      ],
      [
        { source: 'start', target: 'split' },
        { source: 'split', target: 'a' },
        { source: 'split', target: 'b' },
        { source: 'a', target: 'join', outcome: 'approve' },
        { source: 'b', target: 'join' },
        { source: 'join', target: 'end' },
      ],
    ),
  );

  it('gives deep-equal results for the same inputs and never mutates them', () => {
    const clock = new FakeClock();
    const startEvent = deepFreeze({
      type: 'start' as const,
      record: { amount: 21 },
      submitterId: 'alice',
    });
    const first = testStep(flow, null, startEvent, clock, directory);
    expect(testStep(flow, null, startEvent, clock, directory)).toEqual(first);

    const frozen: InstanceState = deepFreeze(structuredClone(first.state));
    const snapshot = structuredClone(frozen);
    const task = first.effects.find((e) => e.type === 'createTask' && e.assigneeId === 's2');
    expect(task).toMatchObject({ taskKey: 'a:5:s2', tokenId: 'tk1' });
    const action = deepFreeze({
      type: 'task_action' as const,
      taskKey: 'a:5:s2',
      action: 'approve' as const,
      userId: 's2',
      data: { note: 'ok' },
    });
    const second = testStep(flow, frozen, action, clock, directory);
    expect(testStep(flow, frozen, action, clock, directory)).toEqual(second);
    expect(frozen).toEqual(snapshot);
    expect(second.state.record).toEqual({ amount: 21, stage: 'b', total: 42, note: 'ok' });
  });
});
