import type { JsonValue } from '@liuyun/definitions';
import { approval, end, flowOf, Instance, role, start, user } from './helpers/fake-world';

/** start → review → ok (approved) | no (rejected). */
function reviewFlow(settings: {
  mode: 'any' | 'all' | 'sequential' | 'quorum';
  quorum?: JsonValue;
}) {
  const { mode, quorum } = settings;
  return flowOf(
    [
      start(),
      approval('review', mode, [role('sales'), user('u4')], quorum ? { quorum } : {}),
      end('ok'),
      end('no', 'rejected'),
    ],
    [
      { source: 'start', target: 'review' },
      { source: 'review', target: 'ok', outcome: 'approve' },
      { source: 'review', target: 'no', outcome: 'reject' },
    ],
  );
}

interface ModeCase {
  description: string;
  mode: 'any' | 'all' | 'sequential' | 'quorum';
  quorum?: JsonValue;
  /** Decisions in order, by user: `+` approve, `-` reject. The assignees are s1, s2, s3, u4. */
  decisions: string[];
  /** `running` when the node still waits after the last decision. */
  expected: 'approved' | 'rejected' | 'running';
}

const cases: ModeCase[] = [
  { description: 'any: one approval', mode: 'any', decisions: ['+s3'], expected: 'approved' },
  { description: 'any: one reject', mode: 'any', decisions: ['-s2'], expected: 'rejected' },
  {
    description: 'all: three of four',
    mode: 'all',
    decisions: ['+s1', '+s2', '+u4'],
    expected: 'running',
  },
  {
    description: 'all: four of four',
    mode: 'all',
    decisions: ['+s1', '+s2', '+u4', '+s3'],
    expected: 'approved',
  },
  {
    description: 'all: a late reject',
    mode: 'all',
    decisions: ['+s1', '+s2', '-u4'],
    expected: 'rejected',
  },
  {
    description: 'sequential: in order',
    mode: 'sequential',
    decisions: ['+s1', '+s2', '+s3', '+u4'],
    expected: 'approved',
  },
  {
    description: 'sequential: halfway',
    mode: 'sequential',
    decisions: ['+s1', '+s2'],
    expected: 'running',
  },
  {
    description: 'sequential: the third rejects',
    mode: 'sequential',
    decisions: ['+s1', '+s2', '-s3'],
    expected: 'rejected',
  },
  {
    description: 'quorum 2 of 4: two approvals',
    mode: 'quorum',
    quorum: { count: 2 },
    decisions: ['+u4', '+s1'],
    expected: 'approved',
  },
  {
    description: 'quorum 2 of 4: two rejects still leave two',
    mode: 'quorum',
    quorum: { count: 2 },
    decisions: ['-s1', '-s2'],
    expected: 'running',
  },
  {
    description: 'quorum 2 of 4: three rejects make it unreachable',
    mode: 'quorum',
    quorum: { count: 2 },
    decisions: ['-s1', '-s2', '-s3'],
    expected: 'rejected',
  },
  {
    description: 'quorum 2 of 4: reject, reject, approve, approve',
    mode: 'quorum',
    quorum: { count: 2 },
    decisions: ['-s1', '-s2', '+s3', '+u4'],
    expected: 'approved',
  },
  {
    description: 'quorum ratio 0.5 of 4 needs 2',
    mode: 'quorum',
    quorum: { ratio: 0.5 },
    decisions: ['+s1'],
    expected: 'running',
  },
  {
    description: 'quorum ratio 0.5 of 4: second approval',
    mode: 'quorum',
    quorum: { ratio: 0.5 },
    decisions: ['+s1', '+s2'],
    expected: 'approved',
  },
  {
    description: 'quorum ratio 0.6 of 4 needs 3',
    mode: 'quorum',
    quorum: { ratio: 0.6 },
    decisions: ['+s1', '+s2'],
    expected: 'running',
  },
  {
    description: 'quorum ratio 0.6 of 4: two rejects',
    mode: 'quorum',
    quorum: { ratio: 0.6 },
    decisions: ['+s1', '-s2', '-s3'],
    expected: 'rejected',
  },
  {
    description: 'quorum count above the assignees needs all',
    mode: 'quorum',
    quorum: { count: 9 },
    decisions: ['+s1', '+s2', '+s3'],
    expected: 'running',
  },
  {
    description: 'quorum count above the assignees: all approve',
    mode: 'quorum',
    quorum: { count: 9 },
    decisions: ['+s1', '+s2', '+s3', '+u4'],
    expected: 'approved',
  },
];

describe('approval modes: decision arithmetic', () => {
  it.each(cases.map((c) => [c.description, c] as const))('%s', (_d, c) => {
    const instance = new Instance(reviewFlow(c));
    instance.start();
    for (const decision of c.decisions) {
      const userId = decision.slice(1);
      instance.act(`review:3:${userId}`, decision.startsWith('+') ? 'approve' : 'reject', userId);
    }
    const state = instance.state;
    if (c.expected === 'running') {
      expect(state?.status).toBe('running');
      expect(state?.tokens).toEqual([
        expect.objectContaining({ nodeId: 'review', status: 'waiting' }),
      ]);
    } else {
      expect(state).toMatchObject({ status: 'completed', outcome: c.expected, approvals: [] });
    }
  });
});

describe('approval: sequential (依次)', () => {
  it('asks one assignee at a time, in assignee order', () => {
    const instance = new Instance(reviewFlow({ mode: 'sequential' }));
    instance.start();
    expect(instance.effectsOf('createTask').map((e) => e.assigneeId)).toEqual(['s1']);
    const asked: string[] = [];
    for (const userId of ['s1', 's2', 's3']) {
      instance.act(`review:3:${userId}`, 'approve', userId);
      asked.push(...instance.effectsOf('createTask').map((e) => e.assigneeId));
    }
    expect(asked).toEqual(['s2', 's3', 'u4']);
    expect(() => instance.act('review:3:s1', 'approve', 's1')).toThrow(
      expect.objectContaining({ code: 'task_not_open' }) as Error,
    );
  });

  it('never creates the later tasks after a reject', () => {
    const instance = new Instance(reviewFlow({ mode: 'sequential' }));
    instance.start();
    const { effects } = instance.act('review:3:s1', 'reject', 's1');
    expect(effects.filter((e) => e.type === 'createTask' || e.type === 'cancelTask')).toEqual([]);
    expect(instance.state?.outcome).toBe('rejected');
  });
});

describe('approval: quorum', () => {
  it('cancels the tasks still open once the quorum is reached', () => {
    const instance = new Instance(reviewFlow({ mode: 'quorum', quorum: { count: 2 } }));
    instance.start();
    instance.act('review:3:s1', 'approve', 's1');
    const { effects } = instance.act('review:3:s3', 'approve', 's3');
    expect(effects.filter((e) => e.type === 'cancelTask')).toEqual([
      { type: 'cancelTask', taskKey: 'review:3:s2', reason: 'decided_by_other' },
      { type: 'cancelTask', taskKey: 'review:3:u4', reason: 'decided_by_other' },
    ]);
  });

  it('keeps the required count in the state', () => {
    const instance = new Instance(reviewFlow({ mode: 'quorum', quorum: { ratio: 2 / 3 } }));
    instance.start();
    expect(instance.state?.approvals[0]).toMatchObject({ mode: 'quorum', required: 3 });
  });
});
