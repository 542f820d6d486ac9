/**
 * `@liuyun/logic`: JSON Logic with json-logic-js 2.0.5 semantics, hardened for untrusted
 * rules (own-property `var`, an operator allow-list, depth/size/step limits), plus CRM
 * operators (aggregates, rounding, strings, dates). Pure: the browser and the server run
 * the very same code.
 *
 * @packageDocumentation
 */
export type { JsonObject, JsonValue } from './json.types';
export {
  LogicError,
  type LogicErrorCode,
  RuleCompileError,
  RuleEvaluationError,
  RuleLimitError,
} from './errors';
export { DEFAULT_LOGIC_LIMITS, type LogicLimits } from './limits';
export { type CompiledRule, type CompileOptions, compileRule, type EvalOptions } from './compiler';
export { evaluate, type EvaluateOptions } from './evaluate';
export { checkRule, type CheckRuleOptions, type RuleIssue } from './check-rule';
export { collectVars } from './collect-vars';
export { collectFieldUses, type FieldUse } from './field-uses';
export { isTruthy } from './coercion';
export { OPERATORS } from './operators/registry';
export type { WorkCalendar } from './work-calendar';
export { MAX_PATTERN_LENGTH } from './operators/crm-string.ops';
