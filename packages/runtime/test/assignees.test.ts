import {
  approval,
  end,
  FakeClock,
  flowOf,
  Instance,
  role,
  start,
  testStep,
} from './helpers/fake-world';

function flowWith(assignees: unknown[], extra: Record<string, unknown> = {}) {
  return flowOf(
    [start(), approval('review', 'any', assignees as never[], extra as never), end('ok')],
    [
      { source: 'start', target: 'review' },
      { source: 'review', target: 'ok', outcome: 'approve' },
    ],
  );
}

const assigneesOf = (instance: Instance) =>
  instance.effectsOf('createTask').map((e) => e.assigneeId);

describe('assignees', () => {
  it.each([
    ['one id', { owner: 'u7' }, ['u7']],
    ['an array of ids', { owner: ['u7', 'u8', 'u7'] }, ['u7', 'u8']],
    ['ids mixed with junk', { owner: ['u7', 3, null, ''] }, ['u7']],
  ])('reads a member field holding %s', (_d, record, expected) => {
    const instance = new Instance(flowWith([{ kind: 'field', field: 'owner' }]));
    instance.start(record);
    expect(assigneesOf(instance)).toEqual(expected);
  });

  it('resolves department heads, roles and the submitter in spec order', () => {
    const instance = new Instance(
      flowWith([{ kind: 'department_head', levels: 2 }, role('manager'), { kind: 'submitter' }]),
    );
    instance.start({}, 'bob');
    expect(assigneesOf(instance)).toEqual(['head2', 'mgr', 'bob']);
  });
});

describe('empty assignee policy', () => {
  const nobody = [{ kind: 'field', field: 'owner' }];

  it('skip: passes through as approved', () => {
    const instance = new Instance(flowWith(nobody, { emptyPolicy: 'skip' }));
    const { state } = instance.start();
    expect(state).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(state.path[1]).toMatchObject({ nodeId: 'review', result: 'skipped' });
  });

  it('admin: the directory admins get the tasks', () => {
    const instance = new Instance(flowWith(nobody, { emptyPolicy: 'admin' }));
    instance.start();
    expect(instance.effectsOf('createTask')).toEqual([
      expect.objectContaining({ assigneeId: 'admin1', origin: 'admin' }),
      expect.objectContaining({ assigneeId: 'admin2', origin: 'admin' }),
    ]);
  });

  it('error (the default): a no_assignee incident and the token waits', () => {
    const instance = new Instance(flowWith(nobody));
    const { state, effects } = instance.start();
    expect(effects).toEqual([expect.objectContaining({ type: 'incident', code: 'no_assignee' })]);
    expect(state.tokens).toEqual([
      expect.objectContaining({ nodeId: 'review', status: 'waiting' }),
    ]);
  });

  it('fails the instance when the directory throws', () => {
    const broken = {
      resolve: () => {
        throw new Error('directory offline');
      },
    };
    const result = testStep(
      flowWith([role('x')]),
      null,
      { type: 'start', record: {}, submitterId: 'a' },
      new FakeClock(),
      broken,
    );
    expect(result.state.error).toMatchObject({
      code: 'assignee_resolution_failed',
      nodeId: 'review',
    });
  });
});
