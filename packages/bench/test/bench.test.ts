/**
 * The bench's own logic (never timings: a benchmark is not a timed test): medians, goal
 * verdicts, formatting, and that the P1 contenders and P3 engines agree before timing.
 */
import { compileRule } from '@liuyun/logic';
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { row } from '../src/bench.types';
import { crmRuleCases } from '../src/crm-rules.corpus';
import { roundOf, sumOf } from '../src/crm-operations.baseline';
import { compare, median } from '../src/harness';
import { formatRatio } from '../src/report';

describe('harness', () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('times every contender in the given order', async () => {
    let a = 0;
    let b = 0;
    const timings = await compare(
      [
        { label: 'a', run: () => (a += 1) },
        { label: 'b', run: async () => (b += 1), async: true },
      ],
      { warmupMs: 5, roundMs: 2, rounds: 3 },
    );
    expect(timings.map((t) => t.label)).toEqual(['a', 'b']);
    expect(timings.every((t) => t.rounds.length === 3 && t.opsPerSec > 0)).toBe(true);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });
});

describe('rows', () => {
  const figure = { label: 'x', value: 1, unit: 'ops/s' };
  it.each([
    ['atLeast', 31, 30, true],
    ['atLeast', 29.9, 30, false],
    ['atMost', 0.004, 0.01, true],
    ['atMost', 0.02, 0.01, false],
  ] as const)('%s: ratio %d against goal %d holds=%s', (goalKind, ratio, goal, holds) => {
    const r = row({
      id: 'P0',
      what: 'w',
      subject: figure,
      baseline: figure,
      ratio,
      goal,
      goalKind,
    });
    expect(r.holds).toBe(holds);
  });

  it('never lets a skipped row hold', () => {
    const r = row({
      id: 'P5',
      what: 'w',
      subject: figure,
      baseline: null,
      ratio: 1,
      goal: 0.25,
      goalKind: 'atLeast',
      skipped: true,
    });
    expect(r.holds).toBe(false);
    expect(formatRatio(r)).toBe('—');
  });

  it.each([
    [41.234, '41.2x'],
    [1234.5, '1235x'],
    [0.0034, '0.34%'],
  ])('formats ratio %d as %s', (ratio, text) => {
    const r = row({
      id: 'P0',
      what: 'w',
      subject: figure,
      baseline: figure,
      ratio,
      goal: 1,
      goalKind: 'atLeast',
    });
    expect(formatRatio(r)).toBe(text);
  });
});

describe('P1 contenders compute the same results', () => {
  jsonLogic.add_operation('sum', sumOf as (...args: never[]) => unknown);
  jsonLogic.add_operation('round', roundOf as (...args: never[]) => unknown);
  const engine = new LogicEngine();
  engine.addMethod('sum', (args: unknown[]) => sumOf(args[0], args[1]));
  engine.addMethod('round', (args: unknown[]) => roundOf(args[0], args[1]));
  const cases = crmRuleCases();

  it('reads the rules of the CRM template and the routing set', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(names).toContain('quote.items.subtotal x-computed');
    expect(names).toContain('quote.total x-computed');
    expect(names).toContain('quote.reason x-visible');
    expect([...names].some((n) => n.startsWith('quote_discount_approval.'))).toBe(true);
    expect(names).toContain('routing.0');
  });

  it.each(cases.map((c, i) => [i, c.name, c] as const))('#%i %s', (_i, _name, c) => {
    const expected = compileRule(c.rule)(c.data);
    expect(jsonLogic.apply(c.rule, c.data)).toEqual(expected);
    expect((engine.build(c.rule) as (data: unknown) => unknown)(c.data)).toEqual(expected);
  });
});
