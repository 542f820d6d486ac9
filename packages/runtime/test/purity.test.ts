import { validateFlow } from '@liuyun/definitions';
import type { InstanceState, RuntimeEvent, StepResult } from '../src';
import { step } from '../src';
import { everyNodeFlow } from './fixtures/every-node.flow';
import { directory, FakeClock } from './helpers/fake-world';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach((child) => deepFreeze(child));
    Object.freeze(value);
  }
  return value;
}

const flow = deepFreeze(structuredClone(everyNodeFlow));

/** Runs one event on frozen inputs twice: same result, inputs untouched. */
function pureStep(state: InstanceState | null, event: RuntimeEvent, clock: FakeClock): StepResult {
  const frozenState = state === null ? null : deepFreeze(structuredClone(state));
  const frozenEvent = deepFreeze(structuredClone(event));
  const before = structuredClone(frozenState);
  const first = step(flow, frozenState, frozenEvent, clock, directory);
  expect(step(flow, frozenState, frozenEvent, clock, directory)).toEqual(first);
  expect(frozenState).toEqual(before);
  return first;
}

describe('purity across every node type', () => {
  it('never writes an earlier state it shares parts with (copy on write)', () => {
    // The host keeps states unfrozen: each state must read the same after later steps.
    const clock = new FakeClock();
    let result = step(
      flow,
      null,
      { type: 'start', record: { amount: 5, lines: [{ qty: 1 }] }, submitterId: 'alice' },
      clock,
      directory,
    );
    const kept: { state: InstanceState; json: string }[] = [];
    const keep = (r: StepResult) => kept.push({ state: r.state, json: JSON.stringify(r.state) });
    keep(result);
    result = step(
      flow,
      result.state,
      {
        type: 'task_action',
        taskKey: 'complete:3:alice',
        action: 'submit',
        userId: 'alice',
        data: { amount: 7 },
      },
      clock,
      directory,
    );
    keep(result);
    const boardKey = (s: InstanceState, user: string) => `board:${s.tokens[0]?.activation}:${user}`;
    result = step(
      flow,
      result.state,
      {
        type: 'task_action',
        taskKey: boardKey(result.state, 's1'),
        action: 'add_signer',
        userId: 's1',
        userIds: ['y'],
        position: 'after',
      },
      clock,
      directory,
    );
    keep(result);
    for (const user of ['s2', 'y']) {
      result = step(
        flow,
        result.state,
        {
          type: 'task_action',
          taskKey: boardKey(result.state, user),
          action: 'approve',
          userId: user,
        },
        clock,
        directory,
      );
      keep(result);
    }
    expect(kept.length).toBe(5);
    expect(new Set(kept.map((k) => k.json)).size).toBe(5);
    for (const { state, json } of kept) expect(JSON.stringify(state)).toBe(json);
  });

  it('is valid', () => {
    expect(validateFlow(everyNodeFlow)).toEqual([]);
  });

  it('gives equal results for equal frozen inputs at every event, through to the end', () => {
    const clock = new FakeClock();
    let result = pureStep(
      null,
      { type: 'start', record: { amount: 5 }, submitterId: 'alice' },
      clock,
    );
    const events: ((state: InstanceState) => RuntimeEvent)[] = [
      () => ({
        type: 'task_action',
        taskKey: 'complete:3:alice',
        action: 'submit',
        userId: 'alice',
        data: { amount: 7 },
      }),
      (s) => ({
        type: 'task_action',
        taskKey: `board:${s.tokens[0]?.activation}:s1`,
        action: 'transfer',
        userId: 's1',
        toUserId: 'x',
      }),
      (s) => ({ type: 'timer_fired', timerKey: s.timers[0]?.timerKey ?? '' }),
      (s) => ({
        type: 'task_action',
        taskKey: `board:${s.tokens[0]?.activation}:x`,
        action: 'add_signer',
        userId: 'x',
        userIds: ['y'],
        position: 'after',
      }),
      (s) => ({
        type: 'task_action',
        taskKey: `board:${s.tokens[0]?.activation}:s2`,
        action: 'approve',
        userId: 's2',
      }),
      (s) => ({
        type: 'task_action',
        taskKey: `board:${s.tokens[0]?.activation}:y`,
        action: 'approve',
        userId: 'y',
      }),
      (s) => ({ type: 'timer_fired', timerKey: s.timers[0]?.timerKey ?? '' }),
      (s) => ({
        type: 'subprocess_completed',
        tokenId: s.tokens[0]?.id ?? '',
        outcome: 'approved',
      }),
    ];
    const kinds = new Set<string>(result.effects.map((e) => e.type));
    for (const next of events) {
      clock.advance(60);
      result = pureStep(result.state, next(result.state), clock);
      result.effects.forEach((e) => kinds.add(e.type));
    }
    expect(result.state).toMatchObject({
      status: 'completed',
      outcome: 'approved',
      record: { amount: 7 },
    });
    expect(result.state.path.map((p) => p.nodeId)).toEqual([
      'start',
      'complete',
      'fan',
      'inform',
      'merge',
      'tell',
      'erp',
      'merge',
      'board',
      'cool_off',
      'sign',
      'contract',
      'approved',
    ]);
    expect([...kinds].sort()).toEqual([
      'callWebhook',
      'cancelTask',
      'completeTask',
      'createTask',
      'instanceEnded',
      'notify',
      'scheduleTimer',
      'startSubprocess',
      'updateRecord',
      'upsertRecords',
    ]);
  });
});
