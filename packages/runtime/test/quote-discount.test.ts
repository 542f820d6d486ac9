import { validateFlow } from '@liuyun/definitions';
import { simulate, type SimulationDecision } from '../src';
import { quoteDiscountFlow } from './fixtures/quote-discount.flow';
import { directory } from './helpers/fake-world';

interface Scenario {
  description: string;
  discount: number;
  decisions: SimulationDecision[] | 'approve_all';
  outcome: 'approved' | 'rejected';
  path: string[];
  deciders: string[];
}

const scenarios: Scenario[] = [
  {
    description: 'up to 10%: approved automatically',
    discount: 8,
    decisions: [],
    outcome: 'approved',
    path: ['start', 'auto', 'mark_approved', 'approved'],
    deciders: [],
  },
  {
    description: 'up to 20%: the manager approves',
    discount: 15,
    decisions: [{ nodeId: 'manager', action: 'approve' }],
    outcome: 'approved',
    path: ['start', 'auto', 'manager', 'needs_director', 'mark_approved', 'approved'],
    deciders: ['mgr'],
  },
  {
    description: 'above 20%: the manager, then the director approve',
    discount: 25,
    decisions: 'approve_all',
    outcome: 'approved',
    path: ['start', 'auto', 'manager', 'needs_director', 'director', 'mark_approved', 'approved'],
    deciders: ['mgr', 'dir'],
  },
  {
    description: 'above 20%: the director rejects',
    discount: 25,
    decisions: [
      { nodeId: 'manager', action: 'approve', by: 'mgr' },
      { nodeId: 'director', action: 'reject' },
    ],
    outcome: 'rejected',
    path: ['start', 'auto', 'manager', 'needs_director', 'director', 'mark_rejected', 'rejected'],
    deciders: ['mgr', 'dir'],
  },
  {
    description: 'up to 20%: the manager rejects',
    discount: 12,
    decisions: [{ nodeId: 'manager', action: 'reject' }],
    outcome: 'rejected',
    path: ['start', 'auto', 'manager', 'mark_rejected', 'rejected'],
    deciders: ['mgr'],
  },
];

describe('quote discount flow', () => {
  it('is a valid flow', () => {
    expect(validateFlow(quoteDiscountFlow)).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.description, s] as const))('%s', (_d, s) => {
    const result = simulate(
      quoteDiscountFlow,
      { discount_pct: s.discount },
      directory,
      s.decisions,
    );
    expect(result.state).toMatchObject({
      status: 'completed',
      outcome: s.outcome,
      record: { status: s.outcome },
    });
    expect(result.path.map((entry) => entry.nodeId)).toEqual(s.path);
    expect(result.tasks.filter((t) => t.status !== 'cancelled').map((t) => t.decidedBy)).toEqual(
      s.deciders,
    );
    expect(result.stalled).toBe(false);
    expect(result.unusedDecisions).toEqual([]);
  });
});

describe('simulate', () => {
  it('stalls when the script has no decision for the open task', () => {
    const result = simulate(quoteDiscountFlow, { discount_pct: 25 }, directory, [
      { nodeId: 'manager', action: 'approve' },
    ]);
    expect(result.stalled).toBe(true);
    expect(result.state.status).toBe('running');
    expect(result.tasks.map((t) => [t.nodeId, t.assigneeId, t.status])).toEqual([
      ['manager', 'mgr', 'approved'],
      ['director', 'dir', 'open'],
    ]);
  });

  it('keeps unused decisions when one does not fit', () => {
    const result = simulate(quoteDiscountFlow, { discount_pct: 15 }, directory, [
      { nodeId: 'director', action: 'approve' },
    ]);
    expect(result.stalled).toBe(true);
    expect(result.unusedDecisions).toEqual([{ nodeId: 'director', action: 'approve' }]);
  });

  it('runs on a virtual clock: one minute per decision', () => {
    const result = simulate(quoteDiscountFlow, { discount_pct: 25 }, directory, 'approve_all', {
      startAt: '2025-06-01T00:00:00.000Z',
      submitterId: 'bob',
    });
    expect(result.state.submitterId).toBe('bob');
    expect(result.path.map((entry) => entry.at.slice(11, 16))).toEqual([
      '00:00',
      '00:00',
      '00:00',
      '00:01',
      '00:01',
      '00:02',
      '00:02',
    ]);
  });

  it('stops a flow that loops on approval after maxDecisions', () => {
    const loop = structuredClone(quoteDiscountFlow);
    const managerApprove = loop.edges.find((edge) => edge.id === 'manager-approve');
    if (managerApprove) managerApprove.target = 'manager';
    const result = simulate(loop, { discount_pct: 15 }, directory, 'approve_all', {
      maxDecisions: 5,
    });
    expect(result.tasks).toHaveLength(6);
    expect(result.stalled).toBe(true);
  });

  it('is deterministic', () => {
    const run = () => simulate(quoteDiscountFlow, { discount_pct: 25 }, directory);
    expect(run()).toEqual(run());
  });
});
