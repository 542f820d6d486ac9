/** Publish-time checks (`checkRule`) and dependency discovery (`collectVars`). */
import { checkRule, type CheckRuleOptions, collectVars, type RuleIssue } from '../src';

const fields = { amount: { type: 'number' }, stage: { type: 'string' }, items: { type: 'array' } };

type Case = [
  description: string,
  rule: unknown,
  options: CheckRuleOptions,
  expected: Partial<RuleIssue>[],
];

const cases: Case[] = [
  ['a valid rule', { '>': [{ var: 'amount' }, 1000] }, { fields }, []],
  [
    'an unknown field',
    { '>': [{ var: 'amonut' }, 1000] },
    { fields },
    [{ code: 'unknown_field', path: '/>/0/var' }],
  ],
  ['fields given as a list', { var: 'stage' }, { fields: ['stage'] }, []],
  [
    'an unknown field in a list',
    { var: 'owner' },
    { fields: ['stage'] },
    [{ code: 'unknown_field', path: '/var' }],
  ],
  ['a nested path checks its first segment', { var: 'items.0.qty' }, { fields }, []],
  [
    'an unknown nested path',
    { var: 'customer.name' },
    { fields },
    [{ code: 'unknown_field', path: '/var' }],
  ],
  [
    'a var with a default',
    { var: ['nope', 0] },
    { fields },
    [{ code: 'unknown_field', path: '/var/0' }],
  ],
  ['no fields → no field checks', { var: 'anything' }, {}, []],
  ['$record. paths are allowed', { var: '$record.customer' }, { fields }, []],
  ['numeric indices are allowed', { var: '0' }, { fields }, []],
  ['numeric var literal', { var: 1 }, { fields }, []],
  ['the whole data', { var: '' }, { fields }, []],
  ['a dynamic path is not checked', { var: { cat: ['am', 'ount'] } }, { fields }, []],
  [
    'a prototype name is not a field',
    { var: 'constructor' },
    { fields },
    [{ code: 'unknown_field' }],
  ],
  [
    'scoped vars in map are not flagged, the source is',
    { map: [{ var: 'items' }, { '*': [{ var: 'price' }, { var: 'qty' }] }] },
    { fields },
    [],
  ],
  [
    'an unknown map source is flagged',
    { map: [{ var: 'lines' }, { var: 'price' }] },
    { fields },
    [{ code: 'unknown_field', path: '/map/0/var' }],
  ],
  [
    'accumulator/current in reduce are not flagged, the seed is',
    {
      reduce: [
        { var: 'items' },
        { '+': [{ var: 'accumulator' }, { var: 'current.qty' }] },
        { var: 'seed' },
      ],
    },
    { fields },
    [{ code: 'unknown_field', path: '/reduce/2/var' }],
  ],
  [
    'filter/all/some/none bodies are scoped',
    {
      and: [
        { filter: [{ var: 'items' }, { var: 'ok' }] },
        { all: [{ var: 'items' }, { var: 'ok' }] },
        { some: [{ var: 'items' }, { var: 'ok' }] },
        { none: [{ var: 'items' }, { var: 'ok' }] },
      ],
    },
    { fields },
    [],
  ],
  [
    'nested scopes stay scoped',
    { map: [{ var: 'items' }, { map: [{ var: 'parts' }, { var: 'sku' }] }] },
    { fields },
    [],
  ],
  [
    'missing keys are checked like vars',
    { missing: ['amount', 'owner'] },
    { fields },
    [{ code: 'unknown_field', path: '/missing/1' }],
  ],
  [
    'missing_some keys are checked like vars',
    { missing_some: [1, ['stage', 'region']] },
    { fields },
    [{ code: 'unknown_field', path: '/missing_some/1/1' }],
  ],
  [
    'an unknown operator',
    { '>': [{ lenght: 'x' }, 1] },
    { fields },
    [{ code: 'unknown_operator', path: '/>/0' }],
  ],
  [
    'log is refused',
    { log: { var: 'amount' } },
    { fields },
    [{ code: 'unknown_operator', path: '' }],
  ],
  [
    'every problem is reported',
    { and: [{ var: 'a' }, { foo: [] }, { var: 'b' }] },
    { fields },
    [
      { code: 'unknown_field', path: '/and/0/var' },
      { code: 'unknown_operator', path: '/and/1' },
      { code: 'unknown_field', path: '/and/2/var' },
    ],
  ],
  [
    'wrong arity',
    { map: [{ var: 'items' }] },
    { fields },
    [{ code: 'invalid_arguments', path: '' }],
  ],
  [
    'a limit',
    { and: [true, true, true] },
    { fields, limits: { maxNodes: 3 } },
    [{ code: 'rule_too_large' }],
  ],
  [
    'depth limit',
    { '!': { '!': { '!': true } } },
    { limits: { maxDepth: 3 } },
    [{ code: 'rule_too_deep' }],
  ],
];

describe('checkRule', () => {
  test.each(cases)('%s', (_description, rule, options, expected) => {
    const issues = checkRule(rule, options);
    expect(issues).toEqual(expected.map((issue) => expect.objectContaining(issue)));
    for (const issue of issues) expect(issue.message).toEqual(expect.any(String));
  });

  it('escapes "/" and "~" in paths (RFC 6901)', () => {
    expect(checkRule({ 'in/x': [{ var: 'nope' }] }, { fields: [] })).toEqual([
      expect.objectContaining({ code: 'unknown_operator', path: '' }),
      expect.objectContaining({ code: 'unknown_field', path: '/in~1x/0/var' }),
    ]);
    expect(checkRule({ '~': { var: 'nope' } }, { fields: [] })).toEqual([
      expect.objectContaining({ code: 'unknown_operator', path: '' }),
      expect.objectContaining({ code: 'unknown_field', path: '/~0/var' }),
    ]);
  });

  it('never throws, whatever it is given', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.and = [cyclic];
    const odd: unknown[] = [undefined, null, 1, 'x', [], {}, cyclic, { var: Symbol('s') }];
    for (const rule of odd) expect(Array.isArray(checkRule(rule, { fields }))).toBe(true);
    expect(checkRule(cyclic).map((issue) => issue.code)).toEqual(['rule_too_deep']);
  });
});

describe('collectVars', () => {
  it.each<[string, unknown, string[]]>([
    ['a literal', 42, []],
    ['one var', { var: 'amount' }, ['amount']],
    ['unique, in document order', { '+': [{ var: 'b' }, { var: 'a' }, { var: 'b' }] }, ['b', 'a']],
    ['dot paths as written', { var: 'customer.name' }, ['customer.name']],
    ['numbers as strings', { var: 1 }, ['1']],
    ['not the whole-data var', { var: '' }, []],
    [
      'the map source but not the body',
      { map: [{ var: 'items' }, { '*': [{ var: 'price' }, { var: 'qty' }] }] },
      ['items'],
    ],
    ['sum over a sub-form', { sum: [{ var: 'items' }, 'subtotal'] }, ['items']],
    ['missing keys', { missing: ['a', 'b'] }, ['a', 'b']],
    ['missing_some keys', { missing_some: [1, ['a', 'b']] }, ['a', 'b']],
    ['$record paths', { var: '$record.total' }, ['$record.total']],
    ['inside conditions', { if: [{ var: 'vip' }, { var: 'discount' }, 0] }, ['vip', 'discount']],
    [
      'reduce seed, not the body',
      { reduce: [{ var: 'xs' }, { var: 'accumulator' }, { var: 'start' }] },
      ['xs', 'start'],
    ],
  ])('%s', (_description, rule, expected) => {
    expect(collectVars(rule)).toEqual(expected);
  });
});
