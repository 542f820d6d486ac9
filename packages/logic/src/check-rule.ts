/** Static checks for publish time: every problem of a rule as data, without evaluating it. */
import { compileRule } from './compiler';
import { LogicError, type LogicErrorCode } from './errors';
import { referencesOf } from './field-references';
import { type LogicLimits, resolveLimits } from './limits';
import { findOperator, unknownOperatorError } from './operators/registry';
import { walkRule } from './rule-walk';

/** One problem found in a rule. */
export interface RuleIssue {
  readonly code: LogicErrorCode;
  readonly message: string;
  /** JSON Pointer into the rule, e.g. `/and/1/var`. */
  readonly path: string;
}

/** What {@link checkRule} checks against. */
export interface CheckRuleOptions {
  /** The fields of the form (keys of a properties map, or a list); omit to skip field checks. */
  fields?: Readonly<Record<string, { type: string }>> | readonly string[];
  /** Overrides of the default limits. */
  limits?: Partial<LogicLimits>;
}

/** The first segment of a path that needs no field: the whole record inside a row, or an index. */
function isAlwaysKnown(segment: string): boolean {
  return segment === '$record' || /^\d+$/.test(segment);
}

function fieldNames(fields: CheckRuleOptions['fields']): ReadonlySet<string> | null {
  if (fields === undefined) return null;
  return new Set(Array.isArray(fields) ? fields : Object.keys(fields));
}

function issueOf(error: unknown): RuleIssue {
  if (error instanceof LogicError) {
    return { code: error.code, message: error.message, path: error.path };
  }
  const message = error instanceof Error ? error.message : 'The rule could not be compiled';
  return { code: 'invalid_arguments', message, path: '' };
}

/**
 * Checks a rule without running it: unknown (or refused) operators, depth/size limits,
 * wrong arguments, and — when `fields` is given — `unknown_field` for a `var` (or
 * `missing` key) whose first segment is not a field. Vars inside `map`/`filter`/`reduce`/
 * `all`/`some`/`none` bodies read the item and are not checked; `$record.` paths and
 * numeric indices are allowed. Never throws.
 */
export function checkRule(rule: unknown, options: CheckRuleOptions = {}): RuleIssue[] {
  try {
    const limits = resolveLimits(options.limits);
    const known = fieldNames(options.fields);
    const issues: RuleIssue[] = [];
    const { limitError } = walkRule(rule, limits, (visit) => {
      if (findOperator(visit.op) === undefined) {
        issues.push(issueOf(unknownOperatorError(visit.op, visit.path)));
        return;
      }
      if (known === null || visit.scoped) return;
      for (const { name, path } of referencesOf(visit)) {
        const [first = ''] = name.split('.');
        if (known.has(first) || isAlwaysKnown(first)) continue;
        issues.push({ code: 'unknown_field', message: `Unknown field "${first}"`, path });
      }
    });
    if (limitError !== null) issues.push(issueOf(limitError));
    // Compiling finds what the walk does not (arity, bad literal units); its first error is enough.
    if (issues.every((issue) => issue.code === 'unknown_field')) {
      try {
        compileRule(rule, { limits });
      } catch (error) {
        issues.push(issueOf(error));
      }
    }
    return issues;
  } catch (error) {
    return [issueOf(error)];
  }
}
