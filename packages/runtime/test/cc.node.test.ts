import { end, flowOf, Instance, role, start } from './helpers/fake-world';

describe('cc (抄送)', () => {
  const flow = flowOf(
    [
      start(),
      {
        id: 'inform',
        type: 'cc',
        settings: {
          recipients: [role('sales'), { kind: 'field', field: 'watcher' }, role('sales')],
        },
      },
      end(),
    ],
    [
      { source: 'start', target: 'inform' },
      { source: 'inform', target: 'end' },
    ],
  );

  it('creates a read-only cc task per recipient (deduplicated) and passes through', () => {
    const instance = new Instance(flow);
    const { state } = instance.start({ watcher: 's2' });
    expect(instance.effectsOf('createTask')).toEqual(
      ['s1', 's2', 's3'].map((assigneeId) => ({
        type: 'createTask',
        taskKey: `inform:3:${assigneeId}`,
        nodeId: 'inform',
        tokenId: 'tk1',
        assigneeId,
        activation: 3,
        kind: 'cc',
      })),
    );
    expect(state).toMatchObject({ status: 'completed', approvals: [] });
  });

  it('cc tasks take no action', () => {
    const instance = new Instance(flow);
    instance.start();
    expect(() => instance.act('inform:3:s1', 'approve', 's1')).toThrow(
      expect.objectContaining({ code: 'instance_not_running' }) as Error,
    );
  });
});
