import type { FlowDefinition, I18nText, JsonObject, JsonValue } from '@liuyun/definitions';
import { compileRule } from '@liuyun/logic';
import { renderMessage, type InstanceState } from '@liuyun/runtime';
import { AppError, type ErrorDetail } from '../../common/errors/app-error';

/** Why a button's run was refused: the end node it reached said so. */
export interface Refusal {
  code: string;
  message: I18nText;
  params: JsonObject;
}

/**
 * The refusal of a run whose flow ended at an `end` node carrying `refusal`: its params
 * evaluated over the run's data, its message filled with them (and the record's fields).
 */
export function refusalOf(
  flow: FlowDefinition,
  state: InstanceState,
  data: JsonObject,
): Refusal | null {
  const last = state.path[state.path.length - 1];
  const node = flow.nodes.find((n) => n.id === last?.nodeId);
  if (state.status !== 'completed' || node?.type !== 'end' || !node.settings.refusal) return null;
  const { code, message, params: rules = {} } = node.settings.refusal;
  const params: JsonObject = {};
  for (const [key, rule] of Object.entries(rules))
    params[key] = (compileRule(rule as JsonValue)(data) ?? null) as JsonValue;
  return { code, message: renderMessage(message, { ...data, ...params }), params };
}

/** The error a refused press answers with: the English line, and both languages in details. */
export function refusalError(refusal: Refusal): AppError {
  const detail: ErrorDetail = {
    instancePath: '',
    keyword: 'refusal',
    message: refusal.message.en,
    params: { ...refusal.params, message: refusal.message },
  };
  return new AppError(409, refusal.code, refusal.message.en, [detail]);
}
