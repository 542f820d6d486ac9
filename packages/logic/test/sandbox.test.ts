/**
 * S3 — the JSON Logic sandbox (QUALITY.md): inherited properties are never reachable,
 * bad rules are refused with typed errors, evaluation is bounded in steps and size,
 * and nothing ever escapes as an untyped crash.
 */
import {
  checkRule,
  collectVars,
  compileRule,
  evaluate,
  LogicError,
  type LogicErrorCode,
  RuleCompileError,
  RuleEvaluationError,
  RuleLimitError,
} from '../src';

/** Runs `action` and returns the code of the LogicError it throws (fails on anything else). */
function errorCodeOf(action: () => unknown): LogicErrorCode {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(LogicError);
    return (error as LogicError).code;
  }
  throw new Error('expected a LogicError, but nothing was thrown');
}

/** A rule nested `depth` levels deep, built without recursion. */
function deepRule(depth: number): unknown {
  let rule: unknown = true;
  for (let i = 0; i < depth; i++) rule = { '!': [rule] };
  return rule;
}

describe('var and missing see own properties only', () => {
  const prototypeData = JSON.parse('{"__proto__": {"isAdmin": true}, "name": "Ann"}') as unknown;
  const cases: [string, unknown, unknown, unknown][] = [
    ['constructor.constructor', { var: 'constructor.constructor' }, {}, null],
    ['constructor with a default', { var: ['constructor', 'fallback'] }, {}, 'fallback'],
    ['__proto__', { var: '__proto__' }, {}, null],
    ['toString', { var: 'toString' }, {}, null],
    ['hasOwnProperty', { var: 'hasOwnProperty' }, { a: 1 }, null],
    ['nested toString', { var: 'a.toString' }, { a: { b: 1 } }, null],
    ['array method', { var: 'items.map' }, { items: [1] }, null],
    ['string method', { var: 's.trim' }, { s: ' x ' }, null],
    ['number method', { var: 'n.toFixed' }, { n: 1 }, null],
    ['prototype', { var: 'f.prototype' }, { f: {} }, null],
    ['own __proto__ key in data', { var: '__proto__' }, prototypeData, null],
    ['through an own __proto__ key', { var: '__proto__.isAdmin' }, prototypeData, null],
    ['inherited through an own __proto__ key', { var: 'isAdmin' }, prototypeData, null],
    ['own data still readable', { var: 'name' }, prototypeData, 'Ann'],
    ['own "constructor" data is refused too', { var: 'constructor' }, { constructor: 1 }, null],
    ['missing toString', { missing: ['toString'] }, {}, ['toString']],
    [
      'missing inherited names',
      { missing: ['constructor', '__proto__', 'valueOf', 'a.toString'] },
      { a: 'x' },
      ['constructor', '__proto__', 'valueOf', 'a.toString'],
    ],
    [
      'missing_some inherited names',
      { missing_some: [1, ['toString', 'valueOf']] },
      {},
      ['toString', 'valueOf'],
    ],
    ['dynamic var path', { var: { cat: ['construc', 'tor'] } }, {}, null],
    [
      'reduce scope has no prototype access',
      { reduce: [[1], { var: 'accumulator.constructor' }, 0] },
      {},
      null,
    ],
    ['array length is own', { var: 'items.length' }, { items: [1, 2] }, 2],
    ['string index is own', { var: 's.1' }, { s: 'ab' }, 'b'],
  ];

  test.each(cases)('%s', (_name, rule, data, expected) => {
    expect(evaluate(rule, data)).toEqual(expected);
  });

  it('does not pollute Object.prototype through rules or data', () => {
    const polluting = JSON.parse('{"merge":[{"var":"__proto__"},{"var":"a"}]}') as unknown;
    const data = JSON.parse('{"__proto__":{"polluted":true},"a":[1]}') as unknown;
    expect(evaluate(polluting, data)).toEqual([null, 1]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('data with hostile own keys never runs code or crashes', () => {
  const hostile = { toString: 'x', valueOf: 1, length: 'long' };
  const cases: [string, unknown, unknown][] = [
    ['loose equality with an object', { '==': [{ var: 'o' }, 1] }, false],
    ['ordering with an object', { '<': [{ var: 'o' }, 1] }, false],
    ['cat with an object', { cat: ['<', { var: 'o' }, '>'] }, '<[object Object]>'],
    ['addition with an object', { '+': [{ var: 'o' }, 1] }, NaN],
    ['substr of an object', { substr: [{ var: 'o' }, 1, 6] }, 'object'],
    ['in with an object haystack', { in: ['x', { var: 'o' }] }, false],
    ['contains with an object haystack', { contains: [{ var: 'o' }, 'x'] }, false],
    ['length of an object', { length: { var: 'o' } }, 0],
  ];

  test.each(cases)('%s', (_name, rule, expected) => {
    expect(evaluate(rule, { o: hostile })).toEqual(expected);
  });
});

describe('the operator allow-list', () => {
  const refused: [string, unknown][] = [
    ['log', { log: 'hello' }],
    ['method', { method: [{ var: 's' }, 'toUpperCase'] }],
    ['dotted method name', { 'Math.max': [1, 2] }],
    ['unknown', { frobnicate: [] }],
    ['Object.prototype name', { toString: [] }],
    ['constructor', { constructor: [] }],
    ['__proto__ key', JSON.parse('{"__proto__":[1]}')],
    ['nested unknown', { and: [true, { if: [{ eval: '1' }, 1, 2] }] }],
    ['unknown inside a map body', { map: [[1], { log: { var: '' } }] }],
  ];

  test.each(refused)('refuses %s at compile time', (_name, rule) => {
    expect(() => compileRule(rule)).toThrow(RuleCompileError);
    expect(errorCodeOf(() => compileRule(rule))).toBe('unknown_operator');
    expect(checkRule(rule).map((issue) => issue.code)).toContain('unknown_operator');
  });

  it('locates the unknown operator with a JSON Pointer', () => {
    expect(checkRule({ and: [true, { if: [{ log: 1 }, 1, 2] }] })).toEqual([
      expect.objectContaining({ code: 'unknown_operator', path: '/and/1/if/0' }),
    ]);
  });
});

describe('rule size limits', () => {
  it('refuses a 10,000-deep rule at compile time without a stack overflow', () => {
    const rule = deepRule(10_000);
    expect(() => compileRule(rule)).toThrow(RuleLimitError);
    expect(errorCodeOf(() => compileRule(rule))).toBe('rule_too_deep');
    expect(errorCodeOf(() => evaluate(rule, {}))).toBe('rule_too_deep');
    expect(checkRule(rule).map((issue) => issue.code)).toEqual(['rule_too_deep']);
    expect(collectVars(rule)).toEqual([]);
  });

  it('refuses 10,000-deep literal arrays too', () => {
    let rule: unknown = 1;
    for (let i = 0; i < 10_000; i++) rule = [rule];
    expect(errorCodeOf(() => compileRule(rule))).toBe('rule_too_deep');
  });

  it('accepts a rule at the depth limit and refuses one level more', () => {
    expect(compileRule(deepRule(63))({})).toBe(false);
    expect(errorCodeOf(() => compileRule(deepRule(64)))).toBe('rule_too_deep');
    expect(compileRule(deepRule(100), { limits: { maxDepth: 200 } })({})).toBe(true);
  });

  it('refuses a rule with too many nodes', () => {
    const wide = { '+': Array.from({ length: 20_000 }, () => 1) };
    expect(errorCodeOf(() => compileRule(wide))).toBe('rule_too_large');
    expect(compileRule(wide, { limits: { maxNodes: 30_000, maxSteps: 30_000 } })({})).toBe(20_000);
  });
});

describe('evaluation is bounded', () => {
  const million = Array.from({ length: 1_000_000 }, (_, i) => i);
  const sumRule = { '+': [{ var: 'current' }, { var: 'accumulator' }] };
  const cases: [string, unknown, unknown, LogicErrorCode][] = [
    [
      'reduce over a 1e6-element merge',
      { reduce: [{ merge: [{ var: 'big' }] }, sumRule, 0] },
      { big: million },
      'array_too_long',
    ],
    [
      'reduce over a 1e6-element array',
      { reduce: [{ var: 'big' }, sumRule, 0] },
      { big: million },
      'step_budget_exceeded',
    ],
    [
      'map over a 1e6-element array',
      { map: [{ var: 'big' }, { var: '' }] },
      { big: million },
      'array_too_long',
    ],
    [
      'filter over a 1e6-element array',
      { filter: [{ var: 'big' }, true] },
      { big: million },
      'step_budget_exceeded',
    ],
    [
      'all over a 1e6-element array',
      { all: [{ var: 'big' }, { '>=': [{ var: '' }, 0] }] },
      { big: million },
      'step_budget_exceeded',
    ],
    [
      'some over a 1e6-element array',
      { some: [{ var: 'big' }, { '<': [{ var: '' }, 0] }] },
      { big: million },
      'step_budget_exceeded',
    ],
    [
      'none over a 1e6-element array',
      { none: [{ var: 'big' }, { '<': [{ var: '' }, 0] }] },
      { big: million },
      'step_budget_exceeded',
    ],
    [
      'sum over a 1e6-element array',
      { sum: [{ var: 'big' }] },
      { big: million },
      'step_budget_exceeded',
    ],
    [
      'in over a 1e6-element array',
      { in: [-1, { var: 'big' }] },
      { big: million },
      'step_budget_exceeded',
    ],
    [
      'nested map 1000 × 1000',
      { map: [{ var: 'rows' }, { map: [{ var: 'cols' }, { '*': [{ var: '' }, 2] }] }] },
      { rows: Array.from({ length: 1000 }, () => ({ cols: million.slice(0, 1000) })) },
      'step_budget_exceeded',
    ],
    [
      'merge doubling inside reduce',
      {
        reduce: [
          { var: 'big' },
          { merge: [{ var: 'accumulator' }, { var: 'accumulator' }, 1] },
          [],
        ],
      },
      { big: million.slice(0, 40) },
      // merge pays one step per item it copies, so the budget trips before the length cap.
      'step_budget_exceeded',
    ],
    [
      'cat doubling inside reduce',
      { reduce: [{ var: 'big' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'ab'] },
      { big: million.slice(0, 40) },
      'string_too_long',
    ],
    [
      'cat of two 600k strings',
      { cat: [{ var: 's' }, { var: 's' }] },
      { s: 'x'.repeat(600_000) },
      'string_too_long',
    ],
  ];

  test.each(cases)('%s → %s', (_name, rule, data, code) => {
    const started = Date.now();
    expect(errorCodeOf(() => evaluate(rule, data))).toBe(code);
    // Refused up front, not after grinding through the data.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('counts steps per evaluation, not per compiled rule', () => {
    const rule = compileRule({ reduce: [{ var: 'xs' }, sumRule, 0] });
    const data = { xs: million.slice(0, 10_000) };
    // 10,000 iterations × 4-node body is within budget, and stays so on every run.
    for (let i = 0; i < 5; i++) expect(rule(data)).toBe(49_995_000);
  });

  it('honours a smaller step budget', () => {
    // 5 nodes, plus 2 steps (the body's nodes) per item.
    const rule = { map: [{ var: 'xs' }, { var: '' }] };
    const limits = { maxSteps: 11 };
    expect(evaluate(rule, { xs: [1, 2, 3] }, { limits })).toEqual([1, 2, 3]);
    const code = errorCodeOf(() => evaluate(rule, { xs: [1, 2, 3, 4] }, { limits }));
    expect(code).toBe('step_budget_exceeded');
  });

  it('matches "regex-looking" text literally and quickly', () => {
    const text = `${'a'.repeat(100_000)}!`;
    const started = Date.now();
    expect(evaluate({ in: ['(a+)+$', { var: 't' }] }, { t: text })).toBe(false);
    expect(evaluate({ contains: [{ var: 't' }, 'a!'] }, { t: text })).toBe(true);
    expect(evaluate({ date_add: [{ var: 't' }, 1, 'day'] }, { t: text })).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('typed errors only', () => {
  it('`now` without a clock is a typed evaluation error', () => {
    expect(() => evaluate({ now: [] }, {})).toThrow(RuleEvaluationError);
    expect(errorCodeOf(() => evaluate({ now: [] }, {}))).toBe('now_unavailable');
    expect(errorCodeOf(() => evaluate({ now: [] }, {}, { now: 'yesterday' }))).toBe(
      'invalid_arguments',
    );
    expect(evaluate({ now: [] }, {}, { now: '2024-05-01T08:00:00Z' })).toBe('2024-05-01T08:00:00Z');
  });

  const oddRules: unknown[] = [
    { '*': [] },
    { map: [[1]] },
    { date_add: ['2024-01-01', 1, 'fortnight'] },
    { round: [1, 2, 3] },
    { substr: [null, { var: 'x' }, { var: 'y' }] },
    { '-': [] },
    { var: [{ var: 'p' }, { var: 'q' }] },
    { missing_some: [{ var: 'n' }, { var: 'k' }] },
    { in: [{ var: 'a' }, { var: 'b' }] },
    { '==': [{ var: 'a' }, { var: 'b' }] },
    { merge: [{ var: 'a' }, { var: 'b' }] },
    { reduce: [{ var: 'a' }, { cat: { var: 'current' } }] },
    { sum: [{ var: 'a' }, { var: 'b' }] },
    { start_of: [{ var: 'a' }, { var: 'b' }] },
    { date_diff: [{ var: 'a' }, { var: 'b' }, { var: 'b' }] },
  ];
  const oddData: unknown[] = [
    null,
    undefined,
    0,
    'text',
    [],
    { a: null, b: [null, {}], p: 'p', x: 1e308, k: 'abc', n: '1' },
    { a: { toString: 1, valueOf: 'v' }, b: Object.create(null) as unknown, p: ['a'] },
    { a: [[[[]]]], b: 'constructor', p: 'constructor', q: { __proto__: null } },
  ];

  it('every odd rule/data pair either answers or throws a LogicError', () => {
    let outcomes = 0;
    for (const rule of oddRules) {
      for (const data of oddData) {
        try {
          evaluate(rule, data);
        } catch (error) {
          expect(error).toBeInstanceOf(LogicError);
        }
        outcomes++;
      }
    }
    expect(outcomes).toBe(oddRules.length * oddData.length);
  });

  it('refuses wrong arities at compile time', () => {
    expect(errorCodeOf(() => compileRule({ '*': [] }))).toBe('invalid_arguments');
    expect(errorCodeOf(() => compileRule({ map: [[1]] }))).toBe('invalid_arguments');
    expect(errorCodeOf(() => compileRule({ round: [1, 2, 3] }))).toBe('invalid_arguments');
    expect(errorCodeOf(() => compileRule({ date_add: ['2024-01-01', 1, 'fortnight'] }))).toBe(
      'invalid_arguments',
    );
  });
});
