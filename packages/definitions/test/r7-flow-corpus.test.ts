import { validateFlow, type DefinitionErrorCode } from '../src';
import { r7InvalidFlowCases } from './cases/r7-invalid-flows.cases';
import { e, everyNodeFlow, flow, n } from './fixtures/flow-builders';
import { quoteForm } from './fixtures/quote.form';

describe('R7: invalid flows are refused with a code', () => {
  it.each(r7InvalidFlowCases.map((c) => [c.description, c] as const))(
    '%s',
    (_description, testCase) => {
      const errors = validateFlow(testCase.flow, testCase.form);
      expect([...new Set(errors.map((error) => error.code))].sort()).toEqual(
        [...testCase.expected].sort(),
      );
      for (const error of errors)
        expect(error.path === '' || error.path.startsWith('/')).toBe(true);
    },
  );

  it.each([
    'unreachable_node',
    'branch_without_default',
    'join_without_split',
    'cycle_without_wait',
    'missing_assignee',
    'unknown_field',
    'invalid_edge',
  ] satisfies DefinitionErrorCode[])('the corpus covers %s with at least two flows', (code) => {
    expect(
      r7InvalidFlowCases.filter((c) => c.expected.includes(code)).length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('a flow with every node type', () => {
  it('is valid, with and without its form', () => {
    expect(validateFlow(everyNodeFlow())).toEqual([]);
    expect(validateFlow(everyNodeFlow(), quoteForm)).toEqual([]);
  });

  it.each([
    ['manual', { trigger: 'manual' }],
    [
      'record change',
      {
        trigger: 'record_change',
        watchFields: ['status'],
        condition: { '==': [{ var: 'status' }, 'won'] },
      },
    ],
    ['cron schedule', { trigger: 'schedule', cron: '0 9 * * 1-5' }],
    ['date schedule', { trigger: 'schedule', dateField: 'customer', offset: { days: -1 } }],
  ])('accepts the %s trigger', (_name, settings) => {
    const f = everyNodeFlow();
    Object.assign(f.nodes[0] as object, { settings });
    expect(validateFlow(f, quoteForm)).toEqual([]);
  });

  it('accepts a withdraw policy and refuses an unknown one', () => {
    expect(validateFlow({ ...everyNodeFlow(), withdrawPolicy: 'always' })).toEqual([]);
    expect(validateFlow({ ...everyNodeFlow(), withdrawPolicy: 'sometimes' })).toEqual([
      expect.objectContaining({ code: 'schema_invalid', path: '/withdrawPolicy' }),
    ]);
  });

  it('accepts a nested join: a join of a join and a third branch', () => {
    const f = flow(
      [
        n.start(),
        n.split('s'),
        n.wait('a'),
        n.wait('b'),
        n.wait('c'),
        n.join('j1'),
        n.join('j2'),
        n.end('done'),
      ],
      [
        e('start', 's'),
        e('s', 'a'),
        e('s', 'b'),
        e('s', 'c'),
        e('a', 'j1'),
        e('b', 'j1'),
        e('j1', 'j2'),
        e('c', 'j2'),
        e('j2', 'done'),
      ],
    );
    expect(validateFlow(f)).toEqual([]);
  });
});
