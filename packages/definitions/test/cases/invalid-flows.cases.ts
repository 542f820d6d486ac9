import type { DefinitionErrorCode, FlowDefinition, FormDefinition } from '../../src';
import { quoteForm } from '../fixtures/quote.form';
import { e, flow, n, validQuoteFlow } from '../fixtures/flow-builders';

export interface FlowCase {
  description: string;
  /** A flow, or any value (garbage input must produce errors, never a throw). */
  flow: FlowDefinition | unknown;
  form?: FormDefinition;
  /** Every code expected, in any order, without repeats; no other code may appear. */
  expected: DefinitionErrorCode[];
}

/** Applies a change to a fresh copy of the valid quote flow. */
function quoteWith(change: (f: FlowDefinition) => void): FlowDefinition {
  const f = validQuoteFlow();
  change(f);
  return f;
}

export const invalidFlowCases: FlowCase[] = [
  { description: 'null is not a flow', flow: null, expected: ['schema_invalid'] },
  { description: 'an array is not a flow', flow: [], expected: ['schema_invalid'] },
  { description: 'a string is not a flow', flow: 'start -> end', expected: ['schema_invalid'] },
  {
    description: 'a node with an unknown type',
    flow: quoteWith((f) =>
      f.nodes.push({ id: 'x', type: 'script', name: { zh: 'x', en: 'x' }, settings: {} } as never),
    ),
    expected: ['unknown_node_type'],
  },
  {
    description: 'an extra property on a node',
    flow: quoteWith((f) => Object.assign(f.nodes[0] as object, { onEnter: 'alert(1)' })),
    expected: ['schema_invalid'],
  },
  {
    description: 'approval settings of the wrong shape',
    flow: quoteWith((f) =>
      Object.assign(f.nodes[1] as object, { settings: { assignees: 'boss', mode: 'any' } }),
    ),
    expected: ['schema_invalid'],
  },
  {
    description: 'an id with a colon (task keys use colons)',
    flow: quoteWith((f) => Object.assign(f.nodes[5] as object, { id: 'end:rejected' })),
    expected: ['schema_invalid'],
  },
  {
    description: 'too many nodes',
    flow: flow(
      Array.from({ length: 501 }, (_, i) => n.end(`e${i}`)),
      [],
    ),
    expected: ['schema_invalid'],
  },
  {
    description: 'a 5,000-deep condition',
    flow: quoteWith((f) => {
      let deep: unknown = { var: 'discount_pct' };
      for (let i = 0; i < 5000; i += 1) deep = { '!': [deep] };
      Object.assign(f.edges[3] as object, { condition: deep });
    }),
    expected: ['schema_invalid'],
  },
  { description: 'no start', flow: flow([n.end('done')], []), expected: ['no_start'] },
  {
    description: 'two starts',
    flow: flow([n.start('a'), n.start('b'), n.end('done')], [e('a', 'done'), e('b', 'done')]),
    expected: ['multiple_starts'],
  },
  {
    description: 'an unreachable node',
    flow: flow([n.start(), n.end('done'), n.end('orphan')], [e('start', 'done')]),
    expected: ['unreachable_node'],
  },
  {
    description: 'an approval with no outgoing edge',
    flow: flow([n.start(), n.approval('a'), n.end('done')], [e('start', 'a')]),
    expected: ['dead_end', 'approval_without_approve_edge', 'unreachable_node'],
  },
  {
    description: 'a branch leading into a loop that never reaches an end',
    flow: flow(
      [n.start(), n.approval('a'), n.approval('b'), n.end('done')],
      [e('start', 'a'), e('a', 'b', { outcome: 'approve' }), e('b', 'a', { outcome: 'approve' })],
    ),
    expected: ['dead_end', 'unreachable_node'],
  },
  {
    description: 'an exclusive branch without default',
    flow: quoteWith((f) =>
      Object.assign(f.edges[4] as object, { isDefault: false, condition: true }),
    ),
    expected: ['branch_without_default'],
  },
  {
    description: 'an exclusive branch with two defaults',
    flow: quoteWith((f) => Object.assign(f.edges[3] as object, { isDefault: true })),
    expected: ['branch_without_default'],
  },
  {
    description: 'a conditional edge without a condition',
    flow: quoteWith((f) => delete (f.edges[3] as { condition?: unknown }).condition),
    expected: ['invalid_rule'],
  },
  {
    description: 'a join without a split',
    flow: flow(
      [n.start(), n.exclusive('x'), n.join('j'), n.end('done')],
      [
        e('start', 'x'),
        e('x', 'j', { condition: true }),
        e('x', 'j', { id: 'x-j-2', isDefault: true }),
        e('j', 'done'),
      ],
    ),
    expected: ['join_without_split'],
  },
  {
    description: 'duplicate node ids',
    flow: quoteWith((f) => f.nodes.push(n.end('approved'))),
    expected: ['duplicate_id'],
  },
  {
    description: 'duplicate edge ids',
    flow: quoteWith((f) => Object.assign(f.edges[1] as object, { id: 'start-manager' })),
    expected: ['duplicate_id'],
  },
  {
    description: 'an edge to a node that does not exist',
    flow: quoteWith((f) => f.edges.push(e('mark', 'nowhere'))),
    expected: ['edge_unknown_node'],
  },
  {
    description: 'an approval without assignees',
    flow: quoteWith((f) =>
      Object.assign(f.nodes[1] as object, { settings: { assignees: [], mode: 'any' } }),
    ),
    expected: ['missing_assignee'],
  },
  {
    description: 'an approval with only a reject edge',
    flow: quoteWith((f) => {
      f.edges = f.edges.filter((edge) => edge.id !== 'manager-big');
    }),
    expected: ['approval_without_approve_edge', 'unreachable_node'],
  },
  {
    description: 'a condition on a field the form does not have',
    flow: quoteWith((f) =>
      Object.assign(f.edges[3] as object, { condition: { '>': [{ var: 'discount' }, 10] } }),
    ),
    form: quoteForm,
    expected: ['unknown_field'],
  },
  {
    description: 'a condition with an unknown operator',
    flow: quoteWith((f) => Object.assign(f.edges[3] as object, { condition: { eval: ['1'] } })),
    expected: ['invalid_rule'],
  },
  {
    description: 'update_record setting a field the form does not have',
    flow: quoteWith((f) =>
      Object.assign(f.nodes[3] as object, { settings: { set: { stage: 'won' } } }),
    ),
    form: quoteForm,
    expected: ['unknown_field'],
  },
  {
    description: 'update_record with a rule reading an unknown field',
    flow: quoteWith((f) =>
      Object.assign(f.nodes[3] as object, { settings: { set: { status: { var: 'stage' } } } }),
    ),
    form: quoteForm,
    expected: ['unknown_field'],
  },
  {
    description: 'a loop without any approval',
    flow: flow(
      [n.start(), n.update('a', { status: 'x' }), n.exclusive('b'), n.end('done')],
      [
        e('start', 'a'),
        e('a', 'b'),
        e('b', 'a', { condition: true }),
        e('b', 'done', { isDefault: true }),
      ],
    ),
    expected: ['cycle_without_wait'],
  },
  {
    description: 'two edges leaving the start',
    flow: quoteWith((f) => f.edges.push(e('start', 'approved'))),
    expected: ['invalid_edge'],
  },
  {
    description: 'an approval edge without an outcome',
    flow: quoteWith((f) => f.edges.push(e('manager', 'approved'))),
    expected: ['invalid_edge'],
  },
  {
    description: 'an edge leaving an end',
    flow: quoteWith((f) => f.edges.push(e('approved', 'rejected'))),
    expected: ['invalid_edge'],
  },
];
