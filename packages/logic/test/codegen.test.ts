/**
 * The generated rule functions (docs/adr/0005-logic-compilation.md): rule text never
 * becomes code, and the generated functions give exactly what the closure interpreter
 * gives, on the conformance suite and on CRM rules, errors included.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileRule, LogicError } from '../src';
import { compileRuleAs } from '../src/compiler';
import { resolveLimits } from '../src/limits';
import { generatedSource } from '../src/codegen/rule.codegen';

type Outcome = { value: unknown } | { error: string; path: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof LogicError)) throw error;
    return { error: error.code, path: error.path };
  }
}

/** What each strategy makes of a rule on some data: values, or the typed error and where. */
function bothWays(rule: unknown, data: unknown): [Outcome, Outcome] {
  const generated = outcome(() => compileRuleAs(rule, undefined, 'auto')(data));
  const closures = outcome(() => compileRuleAs(rule, undefined, 'closures')(data));
  return [generated, closures];
}

/** Rule strings written to break out of a string literal, a comment or a template. */
const PAYLOADS: readonly string[] = [
  '"); globalThis.__pwned = 1; ("',
  "'); globalThis.__pwned = 1; ('",
  '`; globalThis.__pwned = 1; `',
  '${globalThis.__pwned = 1}',
  '*/ globalThis.__pwned = 1; /*',
  '\\"); globalThis.__pwned = 1; //',
  '\u2028globalThis.__pwned = 1;\u2029',
  '</script><script>globalThis.__pwned = 1</script>',
  '\n}; globalThis.__pwned = 1; function x() {\n',
  'constructor.constructor("globalThis.__pwned = 1")()',
  '\u0000\b\f\r\t\v\\u0022',
];

/** Every place a rule puts a string: literals, var paths, defaults, fields, lists, operators. */
function rulesCarrying(payload: string): unknown[] {
  return [
    payload,
    { '==': [{ var: 'a' }, payload] },
    { var: payload },
    { var: `a.${payload}` },
    { var: [payload, payload] },
    { if: [{ var: 'flag' }, payload, { cat: [payload, payload] }] },
    { in: [payload, [payload, 'x']] },
    { in: [{ var: 'a' }, payload] },
    { sum: [{ var: 'rows' }, payload] },
    { and: [true, payload] },
    { '+': [payload, 1] },
    [payload, { var: payload }],
    { [payload]: [1] },
    { date_add: [payload, 1, 'day'] },
  ];
}

describe('rule text never becomes code', () => {
  const global = globalThis as { __pwned?: number };
  const cases = PAYLOADS.flatMap((payload) =>
    rulesCarrying(payload).map((rule) => [JSON.stringify(rule), rule, payload] as const),
  );

  afterEach(() => {
    expect(global.__pwned).toBeUndefined();
  });

  test.each(cases)('%s', (_name, rule, payload) => {
    const data = { a: payload, flag: true, rows: [{ [payload]: 2 }], [payload]: payload };
    const [generated, closures] = bothWays(rule, data);
    expect(generated).toEqual(closures);
  });

  it('gives payloads back as data', () => {
    for (const payload of PAYLOADS) {
      expect(compileRule(payload)(null)).toBe(payload);
      // A dot separates path segments, so only dot-free payloads name one key.
      if (!payload.includes('.')) {
        expect(compileRule({ var: payload })({ [payload]: 'read' })).toBe('read');
      }
      expect(compileRule({ '==': [{ var: 'a' }, payload] })({ a: payload })).toBe(true);
    }
  });

  it('writes rule strings only as JSON string literals', () => {
    const limits = resolveLimits();
    for (const payload of PAYLOADS) {
      const rule = {
        if: [{ '==': [{ var: payload }, payload] }, payload, { var: `x.${payload}` }],
      };
      const source = generatedSource(
        rule,
        100,
        limits,
        () => () => null,
        (node, op) => {
          const args = (node as Record<string, unknown>)[op];
          return Array.isArray(args) ? args : [args];
        },
      );
      // Cut every JSON string literal out; no trace of the payload may remain outside them.
      const outsideLiterals = source.replace(/"(?:[^"\\\n\r]|\\.)*"/g, '""');
      expect(outsideLiterals).not.toContain('__pwned');
    }
  });

  it('never writes operator names into the code', () => {
    const source = generatedSource(
      { '>': [{ var: 'a' }, 1] },
      4,
      resolveLimits(),
      () => () => null,
      () => [{ var: 'a' }, 1],
    );
    expect(source).not.toContain("'>'");
    expect(() => compileRule({ 'globalThis.__pwned = 1': [] })).toThrow(LogicError);
  });
});

describe('generated functions match the closure interpreter', () => {
  const suitePath = path.resolve(__dirname, '../../../../shared/conformance/jsonlogic-tests.json');
  const suite = (JSON.parse(readFileSync(suitePath, 'utf8')) as unknown[]).filter(
    (entry): entry is [unknown, unknown, unknown] => Array.isArray(entry),
  );

  test.each(suite.map((entry, i) => [i, JSON.stringify(entry[0]), entry] as const))(
    'conformance #%i %s',
    (_i, _name, [rule, data]) => {
      const [generated, closures] = bothWays(rule, data);
      expect(generated).toEqual(closures);
    },
  );

  const polluted = JSON.parse('{"__proto__": {"isAdmin": true}, "name": "Ann"}') as unknown;
  class Account {
    readonly own = 1;
  }
  Object.defineProperty(Account.prototype, 'inherited', { value: 'from class' });
  const nullPrototype = Object.assign(Object.create(null) as object, { a: 1 });
  const crm: [string, unknown, unknown][] = [
    [
      'subtotal',
      {
        round: [
          { '*': [{ var: 'q' }, { var: 'p' }, { '-': [1, { '/': [{ var: ['d', 0] }, 100] }] }] },
          2,
        ],
      },
      { q: 3, p: 1.005, d: 0 },
    ],
    [
      'total of rows',
      { round: [{ sum: [{ var: 'items' }, 'subtotal'] }, 2] },
      {
        items: [
          { subtotal: 0.1 },
          { subtotal: 0.2 },
          { subtotal: 'x' },
          'text',
          null,
          { subtotal: Infinity },
        ],
      },
    ],
    ['sum of a string', { sum: [{ var: 's' }, 'length'] }, { s: 'abc' }],
    ['sum without field', { sum: [{ var: 'n' }] }, { n: [1, 2, '3', NaN] }],
    [
      'count and avg',
      { '+': [{ count: [{ var: 'r' }, 'a'] }, { avg: [{ var: 'r' }, 'a'] }] },
      { r: [{ a: 1 }, { a: '' }, { a: 3 }] },
    ],
    ['inherited from a polluted object', { var: 'isAdmin' }, polluted],
    ['inherited toString', { var: 'toString' }, {}],
    ['inherited from a class', { var: 'inherited' }, new Account()],
    ['own on a class', { var: 'own' }, new Account()],
    ['null prototype', { var: 'a' }, nullPrototype],
    ['array index and length', { '+': [{ var: 'a.1' }, { var: 'a.length' }] }, { a: [5, 6] }],
    ['string index', { var: 's.1' }, { s: 'xy' }],
    ['deep path', { var: 'a.b.c.d' }, { a: { b: { c: { d: 4 } } } }],
    ['deep path through null', { var: ['a.b.c', 'none'] }, { a: { b: null } }],
    ['default rule', { var: ['missing', { var: 'other' }] }, { other: 7 }],
    ['else-if chain', { if: [false, 1, { var: 'x' }, 2, 0, 3, 'else'] }, { x: [] }],
    ['and/or values', { or: [{ and: [1, 0, 2] }, { and: [] }, [], 'last'] }, null],
    [
      'comparisons',
      {
        and: [
          { '<': [1, { var: 'x' }, 3] },
          { '>=': ['2', 1] },
          { '!=': [null, 0] },
          { '==': [[1], 1] },
        ],
      },
      { x: 2 },
    ],
    ['in a literal list', { in: [{ var: 'i' }, ['a', 'b']] }, { i: 'b' }],
    ['in a string', { in: ['ell', { var: 's' }] }, { s: 'hello' }],
    [
      'min/max/modulo',
      { '+': [{ min: [3, '1', { var: 'x' }] }, { max: [] }, { '%': [7, 3] }] },
      { x: 2 },
    ],
    ['minus forms', { '+': [{ '-': ['5'] }, { '-': [9, 4] }, { '-': [] }] }, null],
    ['times forms', { '*': [{ '*': ['2'] }, '3', -0] }, null],
    ['closure inside', { cat: [{ var: 'a' }, { upper: { var: 'b' } }] }, { a: 'x', b: 'y' }],
    [
      'map inside a sum',
      { sum: [{ map: [{ var: 'r' }, { '*': [{ var: 'q' }, 2] }] }] },
      { r: [{ q: 1 }, { q: 2 }] },
    ],
    ['now through a closure', { '==': [{ now: [] }, { var: 'n' }] }, { n: 1 }],
    ['undefined data', { '===': [{ var: '' }, null] }, undefined],
  ];

  test.each(crm)('%s', (_name, rule, data) => {
    const [generated, closures] = bothWays(rule, data);
    expect(generated).toEqual(closures);
  });

  it('passes the clock to closures inside generated rules', () => {
    const rule = compileRuleAs({ date_add: [{ now: [] }, 1, 'day'] }, undefined, 'auto');
    expect(rule(null, { now: '2024-01-31T00:00:00Z' })).toBe(
      compileRuleAs(
        { date_add: [{ now: [] }, 1, 'day'] },
        undefined,
        'closures',
      )(null, {
        now: '2024-01-31T00:00:00Z',
      }),
    );
  });

  const budget: [string, unknown, unknown, number][] = [
    [
      'sum over too many rows',
      { sum: [{ var: 'r' }, 'a'] },
      { r: new Array(50).fill({ a: 1 }) },
      40,
    ],
    ['in over a long list', { in: [1, { var: 'r' }] }, { r: new Array(50).fill(0) }, 40],
    ['in over a long string', { in: ['z', { var: 's' }] }, { s: 'a'.repeat(64 * 50) }, 40],
    [
      'closure charges count',
      { '+': [{ sum: [{ var: 'r' }] }, { count: [{ var: 'r' }] }] },
      { r: new Array(30).fill(1) },
      50,
    ],
    [
      'map inside',
      { sum: [{ map: [{ var: 'r' }, { var: '' }] }] },
      { r: new Array(30).fill(1) },
      50,
    ],
  ];

  test.each(budget)('step budget: %s', (_name, rule, data, maxSteps) => {
    const generated = outcome(() => compileRuleAs(rule, { limits: { maxSteps } }, 'auto')(data));
    const closures = outcome(() => compileRuleAs(rule, { limits: { maxSteps } }, 'closures')(data));
    expect(generated).toEqual(closures);
    expect(generated).toEqual({ error: 'step_budget_exceeded', path: expect.any(String) });
  });

  it('resets the step count between evaluations', () => {
    const rule = compileRule({ sum: [{ var: 'r' }, 'a'] }, { limits: { maxSteps: 40 } });
    const rows = { r: new Array(30).fill({ a: 1 }) };
    for (let i = 0; i < 3; i++) expect(rule(rows)).toBe(30);
  });
});
