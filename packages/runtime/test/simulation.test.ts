import { createWorkweekCalendar, simulate, type SimulationDecision } from '../src';
import { everyNodeFlow } from './fixtures/every-node.flow';
import {
  approval,
  directory,
  end,
  fill,
  flowOf,
  role,
  start,
  testStep,
  user,
} from './helpers/fake-world';

describe('simulate: every node type on a virtual clock', () => {
  it('approves all, fires the wait timer, completes the child and lists tasks and effects', () => {
    const result = simulate(everyNodeFlow, { amount: 5 }, directory, 'approve_all', {
      submitterId: 'alice',
      startAt: '2025-06-02T01:00:00.000Z',
    });
    expect(result.state).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(result.stalled).toBe(false);
    expect(result.firedTimers).toEqual(['cool_off:12:wait']);
    expect(result.tasks.map((t) => [t.nodeId, t.assigneeId, t.kind, t.status])).toEqual([
      ['complete', 'alice', 'fill', 'submitted'],
      ['inform', 'dir', 'cc', 'delivered'],
      ['board', 's1', 'approval', 'approved'],
      ['board', 's2', 'approval', 'approved'],
      ['board', 's3', 'approval', 'cancelled'],
    ]);
    expect(result.effects.map((e) => e.type)).toContain('startSubprocess');
    expect(result.endedAt).toBe('2025-06-03T01:03:00.000Z');
  });

  it('lets the deadline escalate when nobody decides, then scripted decisions go on', () => {
    const decisions: SimulationDecision[] = [
      { nodeId: 'complete', action: 'submit' },
      { nodeId: 'board', action: 'approve', by: 'dir' },
    ];
    const result = simulate(everyNodeFlow, { amount: 5 }, directory, decisions, {
      submitterId: 'alice',
      subprocessOutcomes: { sign: 'rejected' },
    });
    expect(result.firedTimers).toEqual(['board:11:deadline', 'cool_off:12:wait']);
    expect(result.tasks.find((t) => t.origin === 'escalation')).toMatchObject({
      assigneeId: 'dir',
      status: 'approved',
    });
    expect(result.state.outcome).toBe('rejected');
    expect(result.path.map((p) => p.nodeId).slice(-2)).toEqual(['sign', 'rejected']);
  });

  it('scripts return, transfer and add_signer', () => {
    const flow = flowOf(
      [
        start(),
        fill('edit', 'any', [{ kind: 'submitter' }]),
        approval('manager', 'any', [role('manager')]),
        approval('director', 'any', [role('director')], { resubmitTo: 'returner' }),
        end(),
      ],
      [
        { source: 'start', target: 'edit' },
        { source: 'edit', target: 'manager' },
        { source: 'manager', target: 'director', outcome: 'approve' },
        { source: 'director', target: 'end', outcome: 'approve' },
      ],
    );
    const result = simulate(
      flow,
      {},
      directory,
      [
        { nodeId: 'edit', action: 'submit', data: { amount: 1 } },
        { nodeId: 'manager', action: 'transfer', toUserId: 'm2' },
        { nodeId: 'manager', action: 'add_signer', userIds: ['v1'], position: 'after', by: 'm2' },
        { nodeId: 'manager', action: 'approve', by: 'v1' },
        { nodeId: 'director', action: 'return', toNodeId: 'edit' },
        { nodeId: 'edit', action: 'submit', data: { amount: 2 } },
        { nodeId: 'director', action: 'approve' },
      ],
      { submitterId: 'alice', step: testStep },
    );
    expect(result.unusedDecisions).toEqual([]);
    expect(result.state).toMatchObject({ status: 'completed', record: { amount: 2 } });
    expect(result.path.map((p) => p.nodeId)).toEqual([
      'start',
      'edit',
      'manager',
      'director',
      'edit',
      'director',
      'end',
    ]);
    expect(result.tasks.map((t) => [t.nodeId, t.assigneeId, t.status])).toEqual([
      ['edit', 'alice', 'submitted'],
      ['manager', 'mgr', 'transferred'],
      ['manager', 'm2', 'added_signer'],
      ['manager', 'v1', 'approved'],
      ['director', 'dir', 'returned'],
      ['edit', 'alice', 'submitted'],
      ['director', 'dir', 'approved'],
    ]);
  });

  it('jumps the clock to deadlines in working hours of the given calendar', () => {
    const flow = flowOf(
      [
        start(),
        approval('review', 'any', [user('u1')], { deadline: { hours: 9, action: 'auto_approve' } }),
        end(),
      ],
      [
        { source: 'start', target: 'review' },
        { source: 'review', target: 'end', outcome: 'approve' },
      ],
    );
    // Friday 2025-03-07 17:00 in UTC+8: nine working hours end on Monday 17:00.
    const result = simulate(flow, {}, directory, [], {
      startAt: '2025-03-07T09:00:00.000Z',
      calendar: createWorkweekCalendar(),
    });
    expect(result.state.outcome).toBe('approved');
    expect(result.endedAt).toBe('2025-03-10T09:00:00.000Z');
    expect(result.tasks[0]).toMatchObject({ status: 'approved', decidedBy: 'system' });
  });

  it('stops after maxEvents when a wait loops forever', () => {
    const flow = flowOf(
      [start(), { id: 'tick', type: 'wait', settings: { duration: { hours: 1 } } }, end()],
      [
        { source: 'start', target: 'tick' },
        { source: 'tick', target: 'tick' },
      ],
    );
    const result = simulate(flow, {}, directory, 'approve_all', { maxEvents: 5 });
    expect(result.firedTimers).toEqual([
      'tick:3:wait',
      'tick:4:wait',
      'tick:5:wait',
      'tick:6:wait',
      'tick:7:wait',
    ]);
    expect(result.stalled).toBe(true);
  });
});
