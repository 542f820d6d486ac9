/** Where a rule hands a field straight to an operator: the input to publish-time type checks. */
import { DEFAULT_LOGIC_LIMITS } from './limits';
import { argumentsOf, isLogicNode, operatorOf } from './rule-shape';
import { walkRule } from './rule-walk';

/** A field read by `{"var": "<field>"}` that is argument `argIndex` of operator `op`. */
export interface FieldUse {
  readonly op: string;
  readonly argIndex: number;
  /** The var path as written (`amount`, `items`, `$record.total`). */
  readonly field: string;
  /** JSON Pointer of the `var` node inside the rule. */
  readonly path: string;
}

/**
 * Every direct field operand of an operator outside scoped bodies (`map` & co., aggregate
 * conditions): `{"date_add":[{"var":"due"},1,"day"]}` gives `date_add`, 0, `due`. Never
 * throws; a rule past the limits yields what was found before them.
 */
export function collectFieldUses(rule: unknown): FieldUse[] {
  const uses: FieldUse[] = [];
  walkRule(rule, DEFAULT_LOGIC_LIMITS, (visit) => {
    if (visit.scoped || visit.op === 'var') return;
    visit.args.forEach((arg, argIndex) => {
      if (!isLogicNode(arg) || operatorOf(arg) !== 'var') return;
      const [name] = argumentsOf(arg, 'var');
      if (typeof name !== 'string' || name === '') return;
      uses.push({ op: visit.op, argIndex, field: name, path: visit.argPath(argIndex) });
    });
  });
  return uses;
}
