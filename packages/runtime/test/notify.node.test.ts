import { end, flowOf, Instance, role, start } from './helpers/fake-world';

function notifyFlow(settings: Record<string, unknown>) {
  return flowOf(
    [start(), { id: 'tell', type: 'notify', settings: settings as never }, end()],
    [
      { source: 'start', target: 'tell' },
      { source: 'tell', target: 'end' },
    ],
  );
}

describe('notify', () => {
  it('emits the rendered message to the resolved recipients and passes through', () => {
    const instance = new Instance(
      notifyFlow({
        recipients: [role('manager'), { kind: 'submitter' }, { kind: 'field', field: 'owner' }],
        message: {
          zh: '{{customer}} 的报价 {{ total }} 元，标签 {{tags}}{{missing}}',
          en: 'Quote of {{customer}}',
        },
        channels: ['in_app', 'dingtalk'],
      }),
    );
    const { state } = instance.start(
      { customer: 'ACME', total: 1200, tags: ['vip', 'east'], owner: 'mgr' },
      'alice',
    );
    expect(instance.effectsOf('notify')).toEqual([
      {
        type: 'notify',
        nodeId: 'tell',
        activation: 3,
        idempotencyKey: 'tell:3',
        recipients: ['mgr', 'alice'],
        message: { zh: 'ACME 的报价 1200 元，标签 vip, east', en: 'Quote of ACME' },
        channels: ['in_app', 'dingtalk'],
        reason: 'node',
      },
    ]);
    expect(state.status).toBe('completed');
  });

  it('raises a no_recipient incident and goes on when nobody resolves', () => {
    const instance = new Instance(
      notifyFlow({ recipients: [role('nobody')], message: { zh: 'x', en: 'x' } }),
    );
    const { state, effects } = instance.start();
    expect(effects[0]).toMatchObject({ type: 'incident', code: 'no_recipient', nodeId: 'tell' });
    expect(state.status).toBe('completed');
  });
});
