import { validateFlow } from '../src';
import { invalidFlowCases } from './cases/invalid-flows.cases';
import { e, flow, n, validQuoteFlow } from './fixtures/flow-builders';
import { quoteForm } from './fixtures/quote.form';

describe('validateFlow: the invalid-flow corpus', () => {
  it.each(invalidFlowCases.map((c) => [c.description, c] as const))(
    '%s',
    (_description, testCase) => {
      const errors = validateFlow(testCase.flow, testCase.form);
      expect([...new Set(errors.map((error) => error.code))].sort()).toEqual(
        [...testCase.expected].sort(),
      );
      for (const error of errors) {
        expect(error.path === '' || error.path.startsWith('/')).toBe(true);
        expect(error.message.length).toBeGreaterThan(0);
      }
    },
  );
});

describe('validateFlow: valid flows', () => {
  it('accepts the quote flow, with and without its form', () => {
    expect(validateFlow(validQuoteFlow())).toEqual([]);
    expect(validateFlow(validQuoteFlow(), quoteForm)).toEqual([]);
  });

  it('accepts a 3-branch parallel split and join', () => {
    const f = flow(
      [
        n.start(),
        n.split('s'),
        n.approval('a'),
        n.approval('b'),
        n.update('c', { status: 'x' }),
        n.join('j'),
        n.end('done'),
      ],
      [
        e('start', 's'),
        e('s', 'a'),
        e('s', 'b'),
        e('s', 'c'),
        e('a', 'j', { outcome: 'approve' }),
        e('b', 'j', { outcome: 'approve' }),
        e('c', 'j'),
        e('j', 'done'),
      ],
    );
    expect(validateFlow(f)).toEqual([]);
  });

  it('accepts a loop back through an approval (rework)', () => {
    const f = flow(
      [n.start(), n.approval('review'), n.update('rework', { status: 'draft' }), n.end('done')],
      [
        e('start', 'review'),
        e('review', 'done', { outcome: 'approve' }),
        e('review', 'rework', { outcome: 'reject' }),
        e('rework', 'review'),
      ],
    );
    expect(validateFlow(f)).toEqual([]);
  });
});

describe('validateFlow: error details', () => {
  it('points at the offending node with its id', () => {
    const f = validQuoteFlow();
    Object.assign(f.nodes[1] as object, { settings: { assignees: [], mode: 'all' } });
    expect(validateFlow(f)).toEqual([
      expect.objectContaining({
        code: 'missing_assignee',
        path: '/nodes/1/settings/assignees',
        nodeId: 'manager',
      }),
    ]);
  });

  it('locates an unknown field inside the condition', () => {
    const f = validQuoteFlow();
    Object.assign(f.edges[3] as object, {
      condition: { and: [true, { '>': [{ var: 'discount' }, 10] }] },
    });
    const [error] = validateFlow(f, quoteForm);
    expect(error).toMatchObject({ code: 'unknown_field', edgeId: 'big-mark' });
    expect(error?.path.startsWith('/edges/3/condition/and/1')).toBe(true);
  });

  it('reports schema errors with JSON pointers at the bad value', () => {
    const f = validQuoteFlow() as unknown as { nodes: { settings: unknown }[] };
    Object.assign(f.nodes[4] as object, { settings: { outcome: 'maybe' } });
    expect(validateFlow(f)).toEqual([
      expect.objectContaining({ code: 'schema_invalid', path: '/nodes/4/settings/outcome' }),
    ]);
  });
});
