import type { FlowDefinition, FlowNode } from '../../src';
import { quoteForm } from '../fixtures/quote.form';
import { e, everyNodeFlow, flow, n } from '../fixtures/flow-builders';
import type { FlowCase } from './invalid-flows.cases';

/** A fresh copy of the every-node flow with one change. */
function everyWith(change: (f: FlowDefinition) => void): FlowDefinition {
  const f = everyNodeFlow();
  change(f);
  return f;
}

/** The node with this id in a flow (the corpus edits nodes by id, not by position). */
function node(f: FlowDefinition, id: string): FlowNode {
  const found = f.nodes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no node "${id}" in the fixture`);
  return found;
}

function settingsOf(f: FlowDefinition, id: string): Record<string, unknown> {
  return node(f, id).settings as unknown as Record<string, unknown>;
}

/**
 * QUALITY R7: invalid flows that must be refused at publish, at least two per code,
 * across the node types. Each expects exactly these codes and no other.
 */
export const r7InvalidFlowCases: FlowCase[] = [
  // ------------------------------------------------------------ unreachable_node
  {
    description: 'unreachable: a notify node nobody links to',
    flow: everyWith((f) => f.nodes.push(n.notify('orphan_notice'))),
    expected: ['unreachable_node', 'dead_end'],
  },
  {
    description: 'unreachable: a wait reached only from itself',
    flow: flow(
      [n.start(), n.wait('spin'), n.end('done')],
      [e('start', 'done'), e('spin', 'spin'), e('spin', 'done', { id: 'spin-done' })],
    ),
    expected: ['unreachable_node', 'invalid_edge'],
  },
  {
    description: 'unreachable: a sub-process after an end',
    flow: flow(
      [n.start(), n.end('done'), n.subprocess('child', false), n.end('other')],
      [e('start', 'done'), e('child', 'other')],
    ),
    expected: ['unreachable_node'],
  },
  // ------------------------------------------------------------ branch_without_default
  {
    description: 'branch without default: every edge has a condition',
    flow: everyWith((f) => {
      const fallback = f.edges.find((edge) => edge.id === 'big-approved');
      if (fallback) Object.assign(fallback, { isDefault: false, condition: true });
    }),
    expected: ['branch_without_default'],
  },
  {
    description: 'branch without default: two defaults after a fill-in',
    flow: flow(
      [n.start(), n.fill('edit'), n.exclusive('x'), n.end('a'), n.end('b')],
      [
        e('start', 'edit'),
        e('edit', 'x'),
        e('x', 'a', { isDefault: true }),
        e('x', 'b', { isDefault: true }),
      ],
    ),
    expected: ['branch_without_default'],
  },
  // ------------------------------------------------------------ join_without_split
  {
    description: 'join without split: an exclusive branch feeds a join',
    flow: flow(
      [n.start(), n.exclusive('x'), n.cc('c'), n.notify('m'), n.join('j'), n.end('done')],
      [
        e('start', 'x'),
        e('x', 'c', { condition: true }),
        e('x', 'm', { isDefault: true }),
        e('c', 'j'),
        e('m', 'j'),
        e('j', 'done'),
      ],
    ),
    expected: ['join_without_split'],
  },
  {
    description: 'join without split: an earlier split is already joined before the branch',
    flow: flow(
      [
        n.start(),
        n.split('s'),
        n.wait('w1'),
        n.wait('w2'),
        n.join('j1'),
        n.exclusive('x'),
        n.join('j2'),
        n.end('done'),
      ],
      [
        e('start', 's'),
        e('s', 'w1'),
        e('s', 'w2'),
        e('w1', 'j1'),
        e('w2', 'j1'),
        e('j1', 'x'),
        e('x', 'j2', { condition: true }),
        e('x', 'j2', { id: 'x-j2-default', isDefault: true }),
        e('j2', 'done'),
      ],
    ),
    expected: ['join_without_split'],
  },
  {
    description: 'join without split: a split of two feeding a join of three',
    flow: flow(
      [
        n.start(),
        n.split('s'),
        n.wait('a'),
        n.wait('b'),
        n.exclusive('x'),
        n.join('j'),
        n.end('done'),
      ],
      [
        e('start', 's'),
        e('s', 'a'),
        e('s', 'x'),
        e('x', 'b', { condition: true }),
        e('x', 'j', { isDefault: true }),
        e('a', 'j'),
        e('b', 'j'),
        e('j', 'done'),
      ],
    ),
    expected: ['join_without_split'],
  },
  // ------------------------------------------------------------ cycle_without_wait
  {
    description: 'cycle without wait: notify and webhook loop on a branch',
    flow: flow(
      [n.start(), n.notify('ping'), n.webhook('hook'), n.exclusive('again'), n.end('done')],
      [
        e('start', 'ping'),
        e('ping', 'hook'),
        e('hook', 'again'),
        e('again', 'ping', { condition: { '<': [{ var: 'total' }, 10] } }),
        e('again', 'done', { isDefault: true }),
      ],
    ),
    expected: ['cycle_without_wait'],
  },
  {
    description: 'cycle without wait: a sub-process that does not wait is no wait',
    flow: flow(
      [
        n.start(),
        n.subprocess('child', false),
        n.createRecord('log'),
        n.exclusive('x'),
        n.end('done'),
      ],
      [
        e('start', 'child'),
        e('child', 'log'),
        e('log', 'x'),
        e('x', 'child', { condition: true }),
        e('x', 'done', { isDefault: true }),
      ],
    ),
    expected: ['cycle_without_wait'],
  },
  // ------------------------------------------------------------ missing_assignee
  {
    description: 'missing assignee: a fill-in for nobody',
    flow: everyWith((f) => Object.assign(settingsOf(f, 'complete'), { assignees: [] })),
    expected: ['missing_assignee'],
  },
  {
    description: 'missing assignee: a CC and a notification without recipients',
    flow: everyWith((f) => {
      Object.assign(settingsOf(f, 'inform'), { recipients: [] });
      Object.assign(settingsOf(f, 'tell'), { recipients: [] });
    }),
    expected: ['missing_assignee'],
  },
  {
    description: 'missing assignee: a deadline escalating to nobody',
    flow: everyWith((f) =>
      Object.assign(settingsOf(f, 'board'), { deadline: { hours: 8, action: 'escalate' } }),
    ),
    expected: ['missing_assignee'],
  },
  // ------------------------------------------------------------ unknown_field
  {
    description: 'unknown field: permissions and a member-field assignee',
    flow: everyWith((f) => {
      Object.assign(settingsOf(f, 'complete'), {
        fieldPermissions: { reason: 'editable', margin: 'hidden' },
        assignees: [{ kind: 'field', field: 'owner' }],
      });
    }),
    form: quoteForm,
    expected: ['unknown_field'],
  },
  {
    description: 'unknown field: a wait until a missing date and a notify placeholder',
    flow: everyWith((f) => {
      Object.assign(node(f, 'cool_off'), { settings: { untilField: 'due_date' } });
      Object.assign(settingsOf(f, 'tell'), {
        message: { zh: '{{customer}} 的 {{deal}}', en: '{{customer}}' },
      });
    }),
    form: quoteForm,
    expected: ['unknown_field'],
  },
  {
    description: 'unknown field: rules in a webhook body, sub-process data and a match',
    flow: everyWith((f) => {
      Object.assign(settingsOf(f, 'erp'), { body: { amount: { var: 'amount' } } });
      Object.assign(settingsOf(f, 'sign'), { data: { title: { var: 'title' } } });
      Object.assign(settingsOf(f, 'contract'), {
        match: { '==': [{ var: 'quote' }, { var: '$source.quote_no' }] },
      });
    }),
    form: quoteForm,
    expected: ['unknown_field'],
  },
  {
    description: 'unknown field: row permissions on a field that is no sub-form',
    flow: everyWith((f) =>
      Object.assign(settingsOf(f, 'complete'), {
        subformRows: { reason: { add: true, delete: true } },
      }),
    ),
    form: quoteForm,
    expected: ['unknown_field'],
  },
  // ------------------------------------------------------------ invalid_edge
  {
    description: 'invalid edge: a wait with two ways out',
    flow: everyWith((f) => f.edges.push(e('cool_off', 'approved'))),
    expected: ['invalid_edge'],
  },
  {
    description: 'invalid edge: an outcome on an edge leaving a fill-in',
    flow: everyWith((f) => {
      const edge = f.edges.find((candidate) => candidate.id === 'start-complete');
      const next = f.edges.find((candidate) => candidate.id === 'complete-fan');
      if (edge) edge.outcome = undefined;
      if (next) next.outcome = 'approve';
    }),
    expected: ['invalid_edge'],
  },
  {
    description: 'invalid edge: a sub-process that waits, left without an outcome',
    flow: everyWith((f) => {
      const edge = f.edges.find((candidate) => candidate.id === 'sign-rejected');
      if (edge) delete edge.outcome;
    }),
    expected: ['invalid_edge'],
  },
  {
    description: 'invalid edge: outcomes on a sub-process that does not wait',
    flow: everyWith((f) => Object.assign(settingsOf(f, 'sign'), { waitForOutcome: false })),
    expected: ['invalid_edge'],
  },
  // ------------------------------------------------------------ settings that go together
  {
    description: 'schema: a quorum approval without its quorum',
    flow: everyWith((f) => delete settingsOf(f, 'board').quorum),
    expected: ['schema_invalid'],
  },
  {
    description: 'schema: an upsert without match, a wait with both duration and date',
    flow: everyWith((f) => {
      delete settingsOf(f, 'contract').match;
      Object.assign(node(f, 'cool_off'), {
        settings: { duration: { hours: 1 }, untilField: 'customer' },
      });
    }),
    expected: ['schema_invalid'],
  },
  {
    description: 'schema: a webhook that is not http(s) and a header with a line break',
    flow: everyWith((f) =>
      Object.assign(settingsOf(f, 'erp'), {
        url: 'file:///etc/passwd',
        headers: { 'X-Key': 'a\r\nHost: evil' },
      }),
    ),
    expected: ['schema_invalid'],
  },
  {
    description: 'schema: a schedule with a malformed cron',
    flow: everyWith((f) =>
      Object.assign(node(f, 'start'), { settings: { trigger: 'schedule', cron: '* *' } }),
    ),
    expected: ['schema_invalid'],
  },
];
