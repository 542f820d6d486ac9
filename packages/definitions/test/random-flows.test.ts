import { NODE_TYPES, validateFlow, type DefinitionErrorCode, type FormDefinition } from '../src';

/** mulberry32: a tiny seeded PRNG, so every run checks the very same 500 graphs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KNOWN_CODES: DefinitionErrorCode[] = [
  'schema_invalid',
  'no_start',
  'multiple_starts',
  'unreachable_node',
  'dead_end',
  'branch_without_default',
  'unknown_node_type',
  'edge_unknown_node',
  'duplicate_id',
  'join_without_split',
  'missing_assignee',
  'approval_without_approve_edge',
  'unknown_field',
  'invalid_rule',
  'layout_mismatch',
  'invalid_edge',
  'cycle_without_wait',
];

function settingsFor(type: string, random: () => number): unknown {
  switch (type) {
    case 'start':
      return { trigger: 'form_submit' };
    case 'approval':
      return {
        assignees: random() < 0.2 ? [] : [{ kind: 'submitter' }],
        mode: ['any', 'all', 'sequential', 'quorum'][Math.floor(random() * 4)],
        ...(random() < 0.5 ? { quorum: { ratio: 0.5 } } : {}),
      };
    case 'fill':
      return {
        assignees:
          random() < 0.2 ? [] : [{ kind: 'field', field: random() < 0.5 ? 'owner' : 'nope' }],
        mode: random() < 0.5 ? 'any' : 'sequential',
        ...(random() < 0.3 ? { deadline: { hours: 4, action: 'escalate' } } : {}),
      };
    case 'cc':
    case 'notify':
      return {
        recipients: random() < 0.2 ? [] : [{ kind: 'role', role: 'finance' }],
        ...(type === 'notify' ? { message: { zh: '{{amount}}', en: '{{nope}}' } } : {}),
      };
    case 'update_record':
      return { set: { status: random() < 0.5 ? 'done' : { var: 'amount' } } };
    case 'create_record':
      return {
        form: 'other',
        mode: random() < 0.5 ? 'create' : 'upsert',
        set: { x: { var: 'amount' } },
        ...(random() < 0.5 ? { match: { '==': [{ var: 'x' }, { var: '$source.amount' }] } } : {}),
      };
    case 'webhook':
      return { url: random() < 0.9 ? 'https://example.com/h' : 'ftp://x', method: 'POST' };
    case 'wait':
      return random() < 0.5
        ? { duration: { minutes: 5 } }
        : { untilField: 'due', offset: { days: -1 } };
    case 'subprocess':
      return { form: 'child', data: {}, waitForOutcome: random() < 0.5 };
    case 'end':
      return { outcome: random() < 0.5 ? 'approved' : 'rejected' };
    default:
      return {};
  }
}

function randomGraph(seed: number): unknown {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const count = 1 + Math.floor(random() * 12);
  const nodes = Array.from({ length: count }, (_, i) => {
    // Now and then a node type nobody knows, or broken settings.
    const type = random() < 0.03 ? 'mystery' : pick(NODE_TYPES);
    const settings = random() < 0.03 ? { junk: true } : settingsFor(type, random);
    return { id: random() < 0.05 ? 'dup' : `n${i}`, type, name: { zh: type, en: type }, settings };
  });
  const edgeCount = Math.floor(random() * count * 2);
  const edges = Array.from({ length: edgeCount }, (_, i) => {
    const edge: Record<string, unknown> = {
      id: `e${i}`,
      source: random() < 0.05 ? 'ghost' : `n${Math.floor(random() * count)}`,
      target: `n${Math.floor(random() * count)}`,
    };
    const roll = random();
    if (roll < 0.2) edge.outcome = pick(['approve', 'reject']);
    else if (roll < 0.35) edge.condition = { '>': [{ var: pick(['amount', 'nope']) }, 10] };
    else if (roll < 0.45) edge.isDefault = true;
    if (random() < 0.2) edge.priority = Math.floor(random() * 5);
    return edge;
  });
  return { key: `random-${seed}`, name: { zh: 'r', en: 'r' }, nodes, edges };
}

const fieldOf = (en: string, widget: 'text' | 'number' | 'date') => ({
  type: widget === 'number' ? ('number' as const) : ('string' as const),
  'x-widget': widget,
  'x-label': { zh: en, en },
});

/** A form with some of the fields random graphs name (`nope` never exists). */
const randomForm: FormDefinition = {
  key: 'random',
  name: { zh: 'r', en: 'r' },
  schema: {
    type: 'object',
    properties: {
      amount: fieldOf('amount', 'number'),
      owner: fieldOf('owner', 'text'),
      due: fieldOf('due', 'date'),
    },
  },
  layout: ['amount', 'owner', 'due'],
};

describe('validateFlow on 2,000 random graphs', () => {
  it('never throws and answers with known codes only', () => {
    const codes = new Set<string>();
    let refused = 0;
    for (let seed = 1; seed <= 2000; seed += 1) {
      const graph = randomGraph(seed);
      // Every fourth graph is checked against a form, so field references are exercised.
      const errors = validateFlow(graph, seed % 4 === 0 ? randomForm : undefined);
      expect(Array.isArray(errors)).toBe(true);
      if (errors.length > 0) refused += 1;
      errors.forEach((error) => codes.add(error.code));
    }
    for (const code of codes) expect(KNOWN_CODES).toContain(code);
    // Random graphs are nearly always broken; the corpus proves what each code means.
    expect(refused).toBeGreaterThan(1800);
    expect(codes.size).toBeGreaterThan(12);
  });
});
