/**
 * P1: the CRM rules of the templates evaluated by @liuyun/logic (hardening on: own
 * properties, allow-list, limits, step budget) against json-logic-js `apply` and
 * json-logic-engine's compiled mode, all three computing the same results.
 */
import { isDeepStrictEqual } from 'node:util';
import { compileRule } from '@liuyun/logic';
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { row, type Benchmark, type BenchRow } from './bench.types';
import { crmRuleCases, type RuleCase } from './crm-rules.corpus';
import { roundOf, sumOf } from './crm-operations.baseline';
import { compare } from './harness';

type Evaluate = (data: unknown) => unknown;

interface Prepared {
  data: unknown;
  run: Evaluate;
}

function jsonLogicJs(cases: readonly RuleCase[]): Prepared[] {
  jsonLogic.add_operation('sum', sumOf as (...args: never[]) => unknown);
  jsonLogic.add_operation('round', roundOf as (...args: never[]) => unknown);
  return cases.map((c) => ({ data: c.data, run: (data) => jsonLogic.apply(c.rule, data) }));
}

function jsonLogicEngine(cases: readonly RuleCase[]): Prepared[] {
  const engine = new LogicEngine();
  engine.addMethod('sum', (args: unknown[]) => sumOf(args[0], args[1]));
  engine.addMethod('round', (args: unknown[]) => roundOf(args[0], args[1]));
  return cases.map((c) => ({ data: c.data, run: engine.build(c.rule) as Evaluate }));
}

function liuyun(cases: readonly RuleCase[]): Prepared[] {
  return cases.map((c) => ({ data: c.data, run: compileRule(c.rule) }));
}

/** One operation: the whole rule set once. */
function runSet(set: readonly Prepared[]): () => unknown {
  return () => {
    let last: unknown;
    for (let i = 0; i < set.length; i++) {
      const item = set[i] as Prepared;
      last = item.run(item.data);
    }
    return last;
  };
}

/** Refuses to time contenders that disagree on any rule. */
function assertSameResults(cases: readonly RuleCase[], sets: Record<string, Prepared[]>): void {
  const [reference, ...others] = Object.entries(sets);
  if (!reference) return;
  cases.forEach((c, i) => {
    const expected = reference[1][i]?.run(c.data);
    for (const [label, set] of others) {
      const actual = set[i]?.run(c.data);
      if (!isDeepStrictEqual(actual, expected)) {
        throw new Error(
          `P1: ${label} gives ${JSON.stringify(actual)} for ${c.name}, ${reference[0]} ${JSON.stringify(expected)}`,
        );
      }
    }
  });
}

export const p1Rules: Benchmark = {
  id: 'P1',
  title: 'CRM rule evaluation, hardened',
  method:
    'Every rule of the CRM template (quote row subtotal, total over line items, reason ' +
    'visible/required-when, flow branch conditions) against each sample quote, plus a ' +
    'lead-routing rule set against four leads. One operation evaluates the whole set. ' +
    '@liuyun/logic `compileRule` with default limits; json-logic-js `apply`; ' +
    'json-logic-engine `build` (compiled). `sum`/`round` are added to the baselines as ' +
    'custom operations; the three must agree on every result before timing.',
  async run(): Promise<BenchRow[]> {
    const cases = crmRuleCases();
    const sets = {
      '@liuyun/logic': liuyun(cases),
      'json-logic-js': jsonLogicJs(cases),
      'json-logic-engine': jsonLogicEngine(cases),
    };
    assertSameResults(cases, sets);
    const [ours, js, engine] = await compare([
      { label: '@liuyun/logic compileRule', run: runSet(sets['@liuyun/logic']) },
      { label: 'json-logic-js apply', run: runSet(sets['json-logic-js']) },
      { label: 'json-logic-engine build', run: runSet(sets['json-logic-engine']) },
    ]);
    if (!ours || !js || !engine) throw new Error('P1: missing timings');
    const unit = `rule sets/s (${cases.length} rules)`;
    const subject = { label: ours.label, value: ours.opsPerSec, unit };
    return [
      row({
        id: 'P1',
        what: 'CRM rules vs json-logic-js',
        subject,
        baseline: { label: js.label, value: js.opsPerSec, unit },
        ratio: ours.opsPerSec / js.opsPerSec,
        goal: 30,
        goalKind: 'atLeast',
      }),
      row({
        id: 'P1',
        what: 'CRM rules vs json-logic-engine compiled',
        subject,
        baseline: { label: engine.label, value: engine.opsPerSec, unit },
        ratio: ours.opsPerSec / engine.opsPerSec,
        goal: 1,
        goalKind: 'atLeast',
      }),
    ];
  },
};
