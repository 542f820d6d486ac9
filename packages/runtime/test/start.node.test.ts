import { validateFlow } from '@liuyun/definitions';
import { end, flowOf, Instance } from './helpers/fake-world';

describe('start', () => {
  it.each([
    ['form_submit', { trigger: 'form_submit' }],
    ['manual', { trigger: 'manual' }],
    ['record_change', { trigger: 'record_change', watchFields: ['stage'], condition: true }],
    ['schedule (cron)', { trigger: 'schedule', cron: '0 9 * * *' }],
    ['schedule (date field)', { trigger: 'schedule', dateField: 'birthday', offset: { days: -3 } }],
  ])('%s: passes straight through (the host decides when to start)', (_d, settings) => {
    const flow = flowOf(
      [{ id: 'start', type: 'start', settings }, end()],
      [{ source: 'start', target: 'end' }],
    );
    expect(validateFlow(flow)).toEqual([]);
    const { state } = new Instance(flow).start({ stage: 'won' });
    expect(state).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(state.path.map((p) => p.nodeId)).toEqual(['start', 'end']);
  });
});
