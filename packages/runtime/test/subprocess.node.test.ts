import { RuntimeError, type InstanceOutcome } from '../src';
import { end, flowOf, Instance, start } from './helpers/fake-world';

function subFlow(waitForOutcome: boolean, withReject = true) {
  return flowOf(
    [
      start(),
      {
        id: 'child',
        type: 'subprocess',
        settings: {
          form: 'contract',
          data: { title: { var: 'customer' }, fixed: 1 },
          waitForOutcome,
        },
      },
      end('ok'),
      end('no', 'rejected'),
    ],
    waitForOutcome
      ? [
          { source: 'start', target: 'child' },
          { source: 'child', target: 'ok', outcome: 'approve' },
          ...(withReject ? [{ source: 'child', target: 'no', outcome: 'reject' as const }] : []),
        ]
      : [
          { source: 'start', target: 'child' },
          { source: 'child', target: 'ok' },
        ],
  );
}

describe('subprocess', () => {
  it('emits startSubprocess and waits for the outcome', () => {
    const instance = new Instance(subFlow(true));
    const { state } = instance.start({ customer: 'ACME' });
    expect(instance.effects).toEqual([
      {
        type: 'startSubprocess',
        nodeId: 'child',
        tokenId: 'tk1',
        activation: 3,
        idempotencyKey: 'child:3',
        form: 'contract',
        data: { title: 'ACME', fixed: 1 },
        waitForOutcome: true,
      },
    ]);
    expect(state.tokens[0]).toMatchObject({ nodeId: 'child', status: 'waiting' });
  });

  const outcomes: { outcome: InstanceOutcome; end: string; withReject: boolean; final: string }[] =
    [
      { outcome: 'approved', end: 'ok', withReject: true, final: 'approved' },
      { outcome: 'rejected', end: 'no', withReject: true, final: 'rejected' },
      { outcome: 'withdrawn', end: 'no', withReject: true, final: 'rejected' },
      { outcome: 'rejected', end: 'child', withReject: false, final: 'rejected' },
    ];

  it.each(outcomes)(
    'a child $outcome leads to $end (reject edge: $withReject)',
    ({ outcome, end: last, withReject, final }) => {
      const instance = new Instance(subFlow(true, withReject));
      instance.start();
      const { state } = instance.send({ type: 'subprocess_completed', tokenId: 'tk1', outcome });
      expect(state).toMatchObject({ status: 'completed', outcome: final });
      expect(instance.pathIds().at(-1)).toBe(last);
    },
  );

  it('goes straight on when it does not wait', () => {
    const instance = new Instance(subFlow(false));
    const { state } = instance.start();
    expect(state.status).toBe('completed');
    expect(instance.effectsOf('startSubprocess')[0]?.waitForOutcome).toBe(false);
  });

  it('refuses an outcome for a token that waits on no sub-process', () => {
    const instance = new Instance(subFlow(true));
    instance.start();
    let thrown: unknown;
    try {
      instance.send({ type: 'subprocess_completed', tokenId: 'tk9', outcome: 'approved' });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as RuntimeError).code).toBe('subprocess_not_pending');
  });
});
