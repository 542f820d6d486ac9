import type { JsonValue } from '@liuyun/definitions';
import { createWorkweekCalendar, SYSTEM_USER } from '../src';
import { approval, end, fill, flowOf, Instance, role, start, user } from './helpers/fake-world';

function deadlineFlow(deadline: Record<string, JsonValue>, extra: Record<string, JsonValue> = {}) {
  return flowOf(
    [
      start(),
      fill('edit', 'any', [{ kind: 'submitter' }]),
      approval('review', 'all', [role('sales')], { deadline, ...extra }),
      end('ok'),
      end('no', 'rejected'),
    ],
    [
      { source: 'start', target: 'edit' },
      { source: 'edit', target: 'review' },
      { source: 'review', target: 'ok', outcome: 'approve' },
      { source: 'review', target: 'no', outcome: 'reject' },
    ],
  );
}

/** Starts and submits the fill-in, so the approval (activation 4) waits. */
function atReview(deadline: Record<string, JsonValue>, extra: Record<string, JsonValue> = {}) {
  const instance = new Instance(deadlineFlow(deadline, extra));
  instance.start({}, 'alice');
  instance.act('edit:3:alice', 'submit', 'alice');
  return instance;
}

describe('deadlines', () => {
  it('schedule a deadline timer, and the reminder before it, in working hours', () => {
    const instance = atReview({ hours: 8, action: 'remind', remindBeforeHours: 2 });
    expect(instance.effectsOf('scheduleTimer')).toEqual([
      expect.objectContaining({
        timerKey: 'review:4:remind',
        kind: 'remind',
        dueAt: '2025-03-01T14:01:00.000Z',
      }),
      expect.objectContaining({
        timerKey: 'review:4:deadline',
        kind: 'deadline',
        dueAt: '2025-03-01T16:01:00.000Z',
      }),
    ]);
  });

  it('remind: notifies the holders of open tasks before and at the deadline', () => {
    const instance = atReview({ hours: 8, action: 'remind', remindBeforeHours: 2 });
    instance.act('review:4:s1', 'approve', 's1');
    instance.fire('review:4:remind');
    expect(instance.effects).toEqual([
      {
        type: 'notify',
        nodeId: 'review',
        activation: 4,
        idempotencyKey: 'review:4:remind',
        recipients: ['s2', 's3'],
        message: { zh: '「review」的任务即将到期', en: 'The task "review" is due soon' },
        reason: 'remind',
      },
    ]);
    instance.fire('review:4:deadline');
    expect(instance.effectsOf('notify')[0]).toMatchObject({
      reason: 'deadline',
      recipients: ['s2', 's3'],
      message: { en: 'The task "review" is overdue' },
    });
    expect(instance.state?.status).toBe('running');
  });

  it('escalate: the escalation approver gets a task and decides alone', () => {
    const instance = atReview({ hours: 4, action: 'escalate', escalateTo: user('boss') });
    instance.fire('review:4:deadline');
    expect(instance.effectsOf('createTask')).toEqual([
      expect.objectContaining({ taskKey: 'review:4:boss', origin: 'escalation', kind: 'approval' }),
    ]);
    const { state, effects } = instance.act('review:4:boss', 'approve', 'boss');
    expect(state).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(effects.filter((e) => e.type === 'cancelTask').map((e) => e.taskKey)).toEqual([
      'review:4:s1',
      'review:4:s2',
      'review:4:s3',
    ]);
  });

  it('escalate to nobody new raises a no_assignee incident and keeps waiting', () => {
    const instance = atReview({ hours: 4, action: 'escalate', escalateTo: role('sales') });
    const { effects, state } = instance.fire('review:4:deadline');
    expect(effects).toEqual([expect.objectContaining({ type: 'incident', code: 'no_assignee' })]);
    expect(state.status).toBe('running');
  });

  it('auto_approve: the system approves every open task and the node leaves approved', () => {
    const instance = atReview({ hours: 4, action: 'auto_approve', remindBeforeHours: 1 });
    const { state, effects } = instance.fire('review:4:deadline');
    expect(effects).toEqual([
      { type: 'completeTask', taskKey: 'review:4:s1', action: 'approve', userId: SYSTEM_USER },
      { type: 'completeTask', taskKey: 'review:4:s2', action: 'approve', userId: SYSTEM_USER },
      { type: 'completeTask', taskKey: 'review:4:s3', action: 'approve', userId: SYSTEM_USER },
      { type: 'cancelTimer', timerKey: 'review:4:remind', reason: 'node_left' },
      { type: 'instanceEnded', outcome: 'approved' },
    ]);
    expect(state.path.find((p) => p.nodeId === 'review')?.result).toBe('auto_approve');
  });

  it('auto_approve on a fill-in submits as the system', () => {
    const instance = new Instance(
      flowOf(
        [
          start(),
          fill('edit', 'any', [user('u1')], { deadline: { hours: 1, action: 'auto_approve' } }),
          end(),
        ],
        [
          { source: 'start', target: 'edit' },
          { source: 'edit', target: 'end' },
        ],
      ),
    );
    instance.start();
    const { effects } = instance.fire('edit:3:deadline');
    expect(effects[0]).toEqual({
      type: 'completeTask',
      taskKey: 'edit:3:u1',
      action: 'submit',
      userId: SYSTEM_USER,
    });
    expect(instance.state?.path[1]?.result).toBe('auto_submit');
  });

  it('auto_return: back to the start for the submitter; with returner, straight back after', () => {
    const instance = atReview({ hours: 4, action: 'auto_return' }, { resubmitTo: 'returner' });
    const { effects, state } = instance.fire('review:4:deadline');
    expect(effects).toEqual([
      { type: 'cancelTask', taskKey: 'review:4:s1', reason: 'auto_returned' },
      { type: 'cancelTask', taskKey: 'review:4:s2', reason: 'auto_returned' },
      { type: 'cancelTask', taskKey: 'review:4:s3', reason: 'auto_returned' },
      expect.objectContaining({ type: 'createTask', taskKey: 'start:5:alice', kind: 'resubmit' }),
    ]);
    expect(state.returns).toEqual([
      { tokenId: 'tk1', toNodeId: 'start', fromNodeId: 'review', resubmitTo: 'returner' },
    ]);
    instance.act('start:5:alice', 'submit', 'alice');
    expect(instance.pathIds().slice(-2)).toEqual(['start', 'review']);
    expect(instance.effectsOf('scheduleTimer')).toEqual([
      expect.objectContaining({ timerKey: 'review:6:deadline' }),
    ]);
  });

  it('a decision before the deadline cancels its timers', () => {
    const instance = atReview({ hours: 4, action: 'auto_approve', remindBeforeHours: 1 });
    instance.act('review:4:s1', 'reject', 's1');
    expect(instance.effectsOf('cancelTimer').map((e) => e.timerKey)).toEqual([
      'review:4:remind',
      'review:4:deadline',
    ]);
    expect(() => instance.fire('review:4:deadline')).toThrow(
      expect.objectContaining({ code: 'instance_not_running' }) as Error,
    );
  });

  it('counts working hours with the clock’s calendar', () => {
    // Saturday 08:00Z = 16:00 in UTC+8; 8 working hours: Monday 09:00 +8h = Monday 17:00 (09:00Z).
    const instance = new Instance(
      deadlineFlow({ hours: 8, action: 'remind' }),
      createWorkweekCalendar(),
    );
    instance.start({}, 'alice');
    instance.act('edit:3:alice', 'submit', 'alice');
    expect(instance.state?.timers[0]?.dueAt).toBe('2025-03-03T09:00:00.000Z');
  });
});
