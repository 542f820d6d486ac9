import type { InstanceState } from '../src';
import { STEP_BUDGET } from '../src';
import { approval, end, flowOf, Instance, role, start } from './helpers/fake-world';

describe('states saved by the earlier runtime', () => {
  const flow = flowOf(
    [start(), approval('review', 'all', [role('sales')]), end()],
    [
      { source: 'start', target: 'review' },
      { source: 'review', target: 'end', outcome: 'approve' },
    ],
  );

  it('keep running: approvals without participants, no timers, returns or acted flag', () => {
    const legacy = {
      status: 'running',
      submitterId: 'alice',
      record: {},
      tokens: [{ id: 'tk1', nodeId: 'review', activation: 3, status: 'waiting' }],
      approvals: [
        {
          tokenId: 'tk1',
          nodeId: 'review',
          mode: 'all',
          tasks: { 'review:3:s1': 's1', 'review:3:s2': 's2' },
          approvedBy: ['s1'],
        },
      ],
      joins: {},
      path: [
        { nodeId: 'start', at: '2025-03-01T08:00:00.000Z' },
        { nodeId: 'review', at: '2025-03-01T08:00:00.000Z' },
      ],
      seq: 4,
      steps: 2,
    } as unknown as InstanceState;
    const instance = new Instance(flow);
    instance.state = legacy;
    expect(() => instance.act('review:3:s1', 'approve', 's1')).toThrow(
      expect.objectContaining({ code: 'task_not_open' }) as Error,
    );
    const { state } = instance.act('review:3:s2', 'approve', 's2');
    expect(state).toMatchObject({
      status: 'completed',
      outcome: 'approved',
      timers: [],
      returns: [],
    });
  });
});

describe('step budget with automation nodes', () => {
  it('cuts a notify → webhook loop with step_budget_exceeded', () => {
    const flow = flowOf(
      [
        start(),
        {
          id: 'ping',
          type: 'notify',
          settings: { recipients: [role('manager')], message: { zh: 'x', en: 'x' } },
        },
        { id: 'hook', type: 'webhook', settings: { url: 'https://x.example', method: 'POST' } },
      ],
      [
        { source: 'start', target: 'ping' },
        { source: 'ping', target: 'hook' },
        { source: 'hook', target: 'ping' },
      ],
    );
    const instance = new Instance(flow);
    const { state, effects } = instance.start();
    expect(state).toMatchObject({ status: 'failed', steps: STEP_BUDGET });
    expect(effects.at(-1)).toMatchObject({ type: 'incident', code: 'step_budget_exceeded' });
  });
});
