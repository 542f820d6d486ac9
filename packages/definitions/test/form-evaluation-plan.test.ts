/**
 * The evaluation plan (generated code per scope) against the closures it replaces: the
 * same results — data with its key order, visibility, required, errors — on a seeded
 * corpus of valid, broken and hostile submissions; and the generator's injection guards.
 */
import { compileForm } from '../src/form-evaluation/compiled-form';
import { buildEvaluationPlan } from '../src/form-evaluation/evaluation-plan';
import { evaluateSubmission } from '../src/form-evaluation/form-evaluator';
import { evaluateWithPlan } from '../src/form-evaluation/planned-evaluator';
import { ResultRecords } from '../src/form-evaluation/result-records';
import { generateScope, scopeIsGeneratable } from '../src/form-evaluation/scope.codegen';
import { prepareForm, type FormDefinition, type JsonObject, type JsonValue } from '../src';
import { planForm } from './fixtures/plan-forms';
import { quoteForm } from './fixtures/quote.form';

/** A small deterministic PRNG (mulberry32), so the corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const oddValues: JsonValue[] = [
  null,
  '',
  '  ',
  'x'.repeat(60),
  'b',
  'c',
  0,
  -1,
  7,
  1e6,
  1.5,
  true,
  [],
  [1, [2, [3]]],
  {},
  { nested: { deeper: 1 } },
  '2024-02-30',
  '2024-02-29',
];

function mutate(base: JsonObject, next: () => number): JsonValue {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out = JSON.parse(JSON.stringify(base)) as JsonObject;
  const keys = Object.keys(out);
  const changes = 1 + Math.floor(next() * 3);
  for (let i = 0; i < changes; i++) {
    const roll = next();
    const key = pick(keys);
    if (roll < 0.25) delete out[key];
    else if (roll < 0.55) out[key] = pick(oddValues);
    else if (roll < 0.65) out[pick(['extra', 'ownerId', 'lines2'])] = 1;
    else if (roll < 0.9) {
      const rowsKey = pick(['lines', 'items', 'extras', 'audit']);
      const rows = Array.isArray(out[rowsKey]) ? (out[rowsKey] as JsonValue[]) : [];
      const row: JsonObject = {
        ...(pick(rows.filter((r) => typeof r === 'object')) as JsonObject),
      };
      row[pick(['name', 'qty', 'price', 'net', 'note', 'flag', 'product', 'quantity', 'zz'])] =
        pick(oddValues);
      out[rowsKey] = [...rows, next() < 0.1 ? pick(oddValues) : row];
    } else out[key] = pick([[], [{}], ['row'], 'many']);
  }
  return out;
}

const planBase: JsonObject = {
  title: 'T',
  kind: 'b',
  detail: 'd',
  rate: 10,
  lines: [
    { name: 'a', qty: 2, price: 10 },
    { name: 'b', qty: 9, price: 200, note: 'big', flag: 'f' },
  ],
  extras: [{ label: 'x' }],
  audit: [{ who: 'u1' }],
  shipping: 5,
  owner: 'u1',
  when: '2024-03-01',
};

const quoteBase: JsonObject = {
  customer: 'ACME',
  items: [{ product: 'W', quantity: 3, unit_price: 19.99, discount_pct: 10 }],
  discount_pct: 15,
  reason: 'r',
  status: 'draft',
};

/** Rows with a hole in the middle (only in-process callers can send one). */
function sparseRows(): JsonValue[] {
  const rows: JsonValue[] = [{ name: 'a' }];
  rows[2] = { name: 'c' };
  return rows;
}

const hostile: unknown[] = [
  null,
  [planBase],
  'text',
  new Date(0),
  JSON.parse('{"title":"x","__proto__":{"admin":true}}'),
  { ...planBase, lines: [{ name: 'x', constructor: 'x' }] },
  { ...planBase, title: JSON.parse('['.repeat(100) + ']'.repeat(100)) as JsonValue },
  { ...planBase, title: 'a\u0000\ud800' },
  { ...planBase, lines: new Array(3) },
  { ...planBase, lines: sparseRows() },
  { ...planBase, title: undefined },
  Object.assign(Object.create(null) as JsonObject, planBase),
  { ...planBase, lines: [{ name: 'a', qty: 1, price: { valueOf: 'x' } }] },
];

function corpus(base: JsonObject, seed: number, size: number): unknown[] {
  const next = random(seed);
  const inputs: unknown[] = [base, ...hostile];
  for (let i = 0; i < size; i++) inputs.push(mutate(base, next));
  return inputs;
}

/** Evaluates every input both ways; returns how many passed and how many were refused. */
function expectSameResults(
  form: FormDefinition,
  inputs: unknown[],
): { passed: number; failed: number; refused: number } {
  const compiled = compileForm(form);
  const plan = buildEvaluationPlan(compiled);
  const seen = { passed: 0, failed: 0, refused: 0 };
  expect(plan).not.toBeNull();
  if (plan === null) return seen;
  for (const input of inputs) {
    for (const allowReadonly of [false, true]) {
      const expected = evaluateSubmission(compiled, input, { allowReadonly });
      const actual = evaluateWithPlan(plan, input, { allowReadonly });
      expect(actual).toEqual(expected);
      // Key order too: stored records and the designer read them in this order.
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      if (actual.errors.length === 0) seen.passed += 1;
      else if (Object.keys(actual.data).length === 0) seen.refused += 1;
      else seen.failed += 1;
    }
  }
  return seen;
}

describe('the evaluation plan gives the results of the closures', () => {
  it.each([
    ['the plan form', planForm, planBase, 1],
    ['the quote form', quoteForm, quoteBase, 2],
  ] as const)('%s, 300 seeded submissions', (_name, form, base, seed) => {
    const seen = expectSameResults(form, corpus(base, seed, 300));
    // The corpus reaches every outcome: stored, refused by a rule or type, refused outright.
    expect(seen.passed).toBeGreaterThan(30);
    expect(seen.failed).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(5);
  });

  it('reads own properties only, with a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.kind = 'b';
    proto.name = 'inherited';
    try {
      expectSameResults(planForm, [
        { title: 'T', lines: [{ qty: 1, price: 1 }] },
        { ...planBase, kind: undefined },
      ]);
    } finally {
      delete proto.kind;
      delete proto.name;
    }
  });

  it('is what prepareForm uses, and does not change the input', () => {
    const input = JSON.parse(JSON.stringify(planBase)) as JsonObject;
    const result = prepareForm(planForm).evaluate(input);
    expect(input).toEqual(planBase);
    expect(result.errors).toEqual([]);
    expect(result.visibility['lines.1.note']).toBe(true);
    expect(result.required['lines.0.name']).toBe(true);
    expect(Object.getPrototypeOf(result.visibility)).toBe(Object.prototype);
  });

  it('leaves a computed sub-form to the closures', () => {
    const form = JSON.parse(JSON.stringify(planForm)) as FormDefinition;
    const extras = form.schema.properties.extras;
    if (extras) extras['x-computed'] = { var: 'lines' };
    expect(buildEvaluationPlan(compileForm(form))).toBeNull();
  });
});

describe('the generator writes only fixed templates', () => {
  const payloads = [
    '"); globalThis.pwned = 1; ("',
    "'); globalThis.pwned = 1; ('",
    '`${globalThis.pwned = 1}`',
    '\u2028globalThis.pwned = 1',
    '*/ globalThis.pwned = 1; /*',
    '__proto__',
    'a.0.b',
  ];

  afterEach(() => {
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it.each(payloads)('refuses to generate a scope keyed %j', (payload) => {
    const compiled = compileForm(planForm);
    const record = compiled.record;
    const first = record.fields[0];
    if (!first) throw new Error('the plan form has fields');
    const hostileScope = { ...record, fields: [{ ...first, key: payload, token: payload }] };
    expect(scopeIsGeneratable(hostileScope)).toBe(false);
    expect(() => generateScope(hostileScope, false, new Map())).toThrow();
    expect(() => new ResultRecords([payload], [], true)).toThrow();
    expect(() => new ResultRecords(['a'], [{ key: 'rows', rowKeys: [payload] }], true)).toThrow();
  });

  it('keeps labels, messages and rules out of the source (they travel as constants)', () => {
    const form = JSON.parse(JSON.stringify(planForm)) as FormDefinition;
    const title = form.schema.properties.title;
    if (!title) throw new Error('the plan form has a title');
    title['x-label'] = { zh: payloads[0] ?? '', en: payloads[1] ?? '' };
    title['x-visible'] = { '!=': [{ var: 'kind' }, payloads[2] ?? ''] };
    const { source, constants } = generateScope(compileForm(form).record, false, new Map());
    for (const payload of payloads.slice(0, 5)) expect(source).not.toContain(payload);
    expect(constants.length).toBeGreaterThan(0);
    // Every string literal in the source is a field key, a pointer to one, or a fixed word.
    const literals = source.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    for (const literal of literals) {
      expect(JSON.parse(literal)).toMatch(
        /^(?:\/?[A-Za-z][A-Za-z0-9_]*|\$record|use strict|object|number)$/,
      );
    }
  });
});
