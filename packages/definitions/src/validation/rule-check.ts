import { checkRule, collectVars } from '@liuyun/logic';
import type { DefinitionError, JsonLogicRule } from '../types';

/** Where a rule sits in a definition, for the errors it produces. */
export interface RuleLocation {
  path: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}

function suffixOf(path: unknown): string {
  if (typeof path !== 'string' || path === '') return '';
  return path.startsWith('/') ? path : `/${path.split('.').join('/')}`;
}

/**
 * Checks one rule with `@liuyun/logic` against the fields it may read (all fields when
 * `fields` is undefined) and turns the issues into definition errors located inside the
 * definition. Never throws.
 */
export function checkRuleAt(
  rule: JsonLogicRule,
  fields: readonly string[] | undefined,
  location: RuleLocation,
): DefinitionError[] {
  let issues: ReturnType<typeof checkRule>;
  try {
    issues = checkRule(rule, fields === undefined ? {} : { fields });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [
      { code: 'invalid_rule', message: `the rule cannot be checked: ${detail}`, ...location },
    ];
  }
  return issues.map((issue) => ({
    ...location,
    code: issue.code === 'unknown_field' ? 'unknown_field' : 'invalid_rule',
    message: issue.message,
    path: `${location.path}${suffixOf(issue.path)}`,
  }));
}

/**
 * Inside sub-form rows, `$record.<field>` reads the record: the field must exist there
 * (logic's check accepts any `$record.` path, since it does not know the record's fields).
 */
export function checkRecordReferences(
  rule: JsonLogicRule,
  recordFields: readonly string[],
  location: RuleLocation,
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  for (const name of collectVars(rule)) {
    const [head, field] = name.split('.');
    if (head !== '$record' || field === undefined || recordFields.includes(field)) continue;
    errors.push({
      ...location,
      code: 'unknown_field',
      message: `Unknown record field "${field}" (read as "${name}")`,
    });
  }
  return errors;
}
