import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import {
  runParity,
  type Outcome,
  type ParityInput,
  type ParityPackages,
  type ParityRule,
} from './parity/rule-parity.harness';

// Browser/Node rule parity: the shared rule corpus (every CRM template rule on its data,
// the lead-routing set, the json-logic-js conformance suite and the CRM operators), whole
// CRM form evaluations and `$user` defaults, run by the engine's build of the packages in
// Node and by a Vite bundle of their sources (the designer's aliases) in Chromium. The
// answers must be identical, errors included.

const here = dirname(fileURLToPath(import.meta.url));
const source = (name: string) => resolve(here, `../../packages/${name}/src/index.ts`);
// Node runs the packages as the engine does: their CommonJS builds.
const requireBuilt = createRequire(import.meta.url);
const built = (): ParityPackages => ({
  evaluate: (requireBuilt('@liuyun/logic') as typeof import('@liuyun/logic')).evaluate,
  ...(requireBuilt('@liuyun/definitions') as Pick<
    ParityPackages,
    'prepareForm' | 'missingDefaults'
  >),
});
// The shared corpus, from the bench package's build (what `pnpm bench` measures P1 on).
const corpus = () =>
  requireBuilt('../../packages/bench/dist/crm-rules.corpus.js') as Pick<
    typeof import('../../packages/bench/src/crm-rules.corpus'),
    'crmFormCases' | 'crmRuleCases'
  >;

/** The json-logic-js suite the logic package is held to (packages/logic/test/conformance). */
function conformanceRules(): ParityRule[] {
  const file = resolve(here, '../../../shared/conformance/jsonlogic-tests.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  return entries
    .filter((e): e is [ParityRule['rule'], ParityRule['data'], unknown] => Array.isArray(e))
    .map(([rule, data], i) => ({ name: `conformance #${i}`, rule, data }));
}

/** The CRM operators on dates (with the caller's clock), working days, strings, regex, sums. */
const OPERATOR_RULES: ParityRule[] = [
  {
    name: 'date_add months',
    rule: { date_add: [{ var: 'd' }, 1, 'month'] },
    data: { d: '2026-01-31' },
  },
  {
    name: 'date_diff days',
    rule: { date_diff: [{ var: 'a' }, { var: 'b' }, 'day'] },
    data: { a: '2026-01-01', b: '2026-03-01' },
  },
  {
    name: 'duration hours',
    rule: { duration: [{ var: 'a' }, { var: 'b' }, 'hour'] },
    data: { a: '2026-01-01T08:00:00Z', b: '2026-01-02T10:30:00Z' },
  },
  { name: 'start_of week', rule: { start_of: [{ now: [] }, 'week'] }, data: {} },
  { name: 'end_of month', rule: { end_of: [{ var: 'd' }, 'month'] }, data: { d: '2026-02-10' } },
  {
    name: 'date_before now',
    rule: { date_before: [{ var: 'd' }, { now: [] }] },
    data: { d: '2026-01-01' },
  },
  {
    name: 'date_same day',
    rule: { date_same: [{ var: 'a' }, { var: 'b' }, 'day'] },
    data: { a: '2026-05-01T01:00:00Z', b: '2026-05-01T23:00:00Z' },
  },
  {
    name: 'workdays_add over a holiday',
    rule: { workdays_add: [{ var: 'd' }, 3] },
    data: { d: '2026-09-30' },
  },
  {
    name: 'workdays_between',
    rule: { workdays_between: [{ var: 'a' }, { var: 'b' }] },
    data: { a: '2026-09-28', b: '2026-10-12' },
  },
  {
    name: 'is_workday on a make-up day',
    rule: { is_workday: [{ var: 'd' }] },
    data: { d: '2026-10-10' },
  },
  {
    name: 'trim lower upper',
    rule: { cat: [{ lower: [{ trim: [{ var: 's' }] }] }, { upper: [{ var: 's' }] }] },
    data: { s: '  ＡcmE Ltd ' },
  },
  {
    name: 'contains starts ends',
    rule: {
      and: [
        { contains: [{ var: 's' }, 'cm'] },
        { starts_with: [{ var: 's' }, 'A'] },
        { ends_with: [{ var: 's' }, 'd'] },
      ],
    },
    data: { s: 'Acme Ltd' },
  },
  {
    name: 'regex_test phone',
    rule: { regex_test: [{ var: 'p' }, '^1[3-9]\\d{9}$'] },
    data: { p: '13800000001' },
  },
  {
    name: 'regex_test refused pattern',
    rule: { regex_test: [{ var: 'p' }, '(a+)+\\1'] },
    data: { p: 'aaaa' },
  },
  { name: 'length of unicode', rule: { length: [{ var: 's' }] }, data: { s: '流云😀' } },
  {
    name: 'sum of rows with a condition',
    rule: { sum: [{ filter: [{ var: 'items' }, { '>': [{ var: 'qty' }, 1] }] }, 'subtotal'] },
    data: {
      items: [
        { qty: 1, subtotal: 5 },
        { qty: 2, subtotal: 7.25 },
        { qty: 3, subtotal: 0.1 },
      ],
    },
  },
  { name: 'round money', rule: { round: [{ '*': [{ var: 'a' }, 1.005] }, 2] }, data: { a: 100 } },
  { name: 'division by zero', rule: { '/': [1, 0] }, data: {} },
  { name: 'unknown operator', rule: { eval: ['1'] }, data: {} },
  { name: 'prototype var', rule: { var: 'constructor.name' }, data: {} },
];

function input(): ParityInput {
  return {
    rules: [...corpus().crmRuleCases(), ...conformanceRules(), ...OPERATOR_RULES],
    forms: corpus().crmFormCases(),
    now: '2026-09-30T02:30:00.000Z',
    calendar: {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      makeupDays: ['2026-10-10'],
    },
    user: {
      id: '0b0d6e1e-5d1a-4b44-9d0e-6a4f3c2b1a00',
      username: 'rep1',
      displayName: 'Rep One',
      departmentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      roles: ['sales_rep'],
    },
  };
}

/** The harness bundled for the page as the designer bundles the packages (sources, not builds). */
async function browserBundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    resolve: {
      alias: { '@liuyun/definitions': source('definitions'), '@liuyun/logic': source('logic') },
    },
    build: {
      write: false,
      minify: false,
      lib: {
        entry: resolve(here, 'parity/rule-parity.browser.ts'),
        formats: ['iife'],
        name: 'LiuyunParity',
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the parity bundle has no code');
  return chunk.code;
}

test('the shared rule corpus gives identical answers in Chromium and in Node', async ({ page }) => {
  test.setTimeout(120_000);
  const cases = input();
  const names = [
    ...cases.rules.map((r) => `rule ${r.name}`),
    ...cases.forms.map((f) => `form ${f.name}`),
    ...cases.forms.map((f) => `defaults ${f.name}`),
  ];
  const node = runParity(cases, built());
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: await browserBundle() });
  // Handed over as plain JSON (the form types are too deep for the page's argument type).
  const arg: unknown = JSON.parse(JSON.stringify(cases));
  const browser = (await page.evaluate((value) => {
    const g = globalThis as unknown as { LiuyunParity: { run: (v: unknown) => unknown } };
    return g.LiuyunParity.run(value);
  }, arg)) as Outcome[];
  expect(browser).toHaveLength(node.length);
  const differences = names.flatMap((name, i) =>
    JSON.stringify(browser[i]) === JSON.stringify(node[i])
      ? []
      : [{ name, node: node[i], browser: browser[i] }],
  );
  expect(differences).toEqual([]);
  // The corpus is the real one: template rules, the conformance suite, errors on both sides.
  const templateRules = corpus().crmRuleCases().length;
  expect(templateRules).toBeGreaterThan(0);
  expect(cases.rules.length).toBe(templateRules + 278 + OPERATOR_RULES.length);
  expect(cases.forms.length).toBeGreaterThanOrEqual(14);
  expect(node.filter((o) => 'error' in o).length).toBeGreaterThan(0);
  expect(node.filter((o) => 'value' in o).length).toBeGreaterThan(cases.rules.length / 2);
  console.log(
    `rule parity: ${templateRules} template rule cases + ${cases.rules.length - templateRules} others, ${cases.forms.length} form evaluations, ` +
      `${cases.forms.length} default sets — ${node.length} answers identical`,
  );
});
