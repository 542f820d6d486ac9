import { end, flowOf, Instance, start } from './helpers/fake-world';

function webhookFlow(body: Record<string, unknown>) {
  return flowOf(
    [
      start(),
      {
        id: 'erp',
        type: 'webhook',
        settings: {
          url: 'https://erp.example.com/quotes',
          method: 'PUT',
          body,
          headers: { 'X-Source': 'liuyun' },
        } as never,
      },
      end(),
    ],
    [
      { source: 'start', target: 'erp' },
      { source: 'erp', target: 'end' },
    ],
  );
}

describe('webhook', () => {
  it('emits callWebhook with the evaluated body and the idempotency key <node>:<activation>', () => {
    const instance = new Instance(
      webhookFlow({ total: { '*': [{ var: 'amount' }, 2] }, kind: 'quote' }),
    );
    const { state } = instance.start({ amount: 21 });
    expect(instance.effectsOf('callWebhook')).toEqual([
      {
        type: 'callWebhook',
        nodeId: 'erp',
        activation: 3,
        idempotencyKey: 'erp:3',
        url: 'https://erp.example.com/quotes',
        method: 'PUT',
        headers: { 'X-Source': 'liuyun' },
        body: { total: 42, kind: 'quote' },
      },
    ]);
    expect(state.status).toBe('completed');
  });

  it('fails with rule_failed when a body rule cannot run', () => {
    const { state } = new Instance(webhookFlow({ x: { nope: [] } })).start();
    expect(state.error).toMatchObject({ code: 'rule_failed', nodeId: 'erp' });
  });
});
