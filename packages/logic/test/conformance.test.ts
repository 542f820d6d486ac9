/**
 * The json-logic-js conformance suite (shared/conformance/jsonlogic-tests.json): every
 * `[rule, data, expected]` triple must evaluate exactly as json-logic-js 2.0.5 does.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileRule, evaluate } from '../src';

type Case = [rule: unknown, data: unknown, expected: unknown];

const suitePath = path.resolve(__dirname, '../../../../shared/conformance/jsonlogic-tests.json');
const entries = JSON.parse(readFileSync(suitePath, 'utf8')) as unknown[];
// Strings are section headers; everything else is a case.
const cases = entries
  .filter((entry): entry is Case => Array.isArray(entry))
  .map((entry, index) => [index, JSON.stringify(entry[0]), entry] as const);

describe('json-logic-js conformance', () => {
  it('has all 278 cases', () => {
    expect(cases).toHaveLength(278);
  });

  test.each(cases)('#%i %s', (_index, _name, [rule, data, expected]) => {
    expect(compileRule(rule)(data)).toEqual(expected);
    // The cached path gives the same answer, twice.
    expect(evaluate(rule, data)).toEqual(expected);
    expect(evaluate(rule, data)).toEqual(expected);
  });
});
