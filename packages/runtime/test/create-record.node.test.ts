import { end, flowOf, Instance, start } from './helpers/fake-world';

function createFlow(settings: Record<string, unknown>) {
  return flowOf(
    [start(), { id: 'contract', type: 'create_record', settings: settings as never }, end()],
    [
      { source: 'start', target: 'contract' },
      { source: 'contract', target: 'end' },
    ],
  );
}

describe('create_record', () => {
  it('create: emits upsertRecords with the evaluated values', () => {
    const instance = new Instance(
      createFlow({
        form: 'contract',
        mode: 'create',
        set: { title: { cat: ['Contract for ', { var: 'customer' }] }, amount: { var: 'total' } },
      }),
    );
    instance.start({ customer: 'ACME', total: 900 });
    expect(instance.effectsOf('upsertRecords')).toEqual([
      {
        type: 'upsertRecords',
        nodeId: 'contract',
        activation: 3,
        idempotencyKey: 'contract:3',
        form: 'contract',
        mode: 'create',
        values: { title: 'Contract for ACME', amount: 900 },
      },
    ]);
  });

  it('upsert: binds $source variables of the match filter to this record', () => {
    const instance = new Instance(
      createFlow({
        form: 'customer',
        mode: 'upsert',
        match: {
          and: [
            { '==': [{ var: 'code' }, { var: '$source.customer_code' }] },
            { in: [{ var: 'region' }, { var: '$source.regions' }] },
            { '==': [{ var: 'owner' }, { var: ['$source.missing', 'nobody'] }] },
          ],
        },
        set: { last_quote: { var: 'total' } },
      }),
    );
    instance.start({ customer_code: 'C-7', regions: ['east', 'north'], total: 5 });
    expect(instance.effectsOf('upsertRecords')[0]).toMatchObject({
      mode: 'upsert',
      match: {
        and: [
          { '==': [{ var: 'code' }, 'C-7'] },
          { in: [{ var: 'region' }, ['east', 'north']] },
          { '==': [{ var: 'owner' }, 'nobody'] },
        ],
      },
      values: { last_quote: 5 },
    });
  });
});
