import type { FormDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import type { Effect } from '@liuyun/runtime';

type CreateTask = Extract<Effect, { type: 'createTask' }>;

const KIND: Record<CreateTask['kind'], I18nText> = {
  approval: { zh: '待审批', en: 'To approve' },
  fill: { zh: '待填写', en: 'To fill in' },
  resubmit: { zh: '待重新提交', en: 'To resubmit' },
  cc: { zh: '抄送', en: 'For your information' },
};

const ORIGIN: Record<NonNullable<CreateTask['origin']>, I18nText> = {
  transfer: { zh: '（转交）', en: ' (transferred to you)' },
  add_signer: { zh: '（加签）', en: ' (you were added as a signer)' },
  escalation: { zh: '（超时升级）', en: ' (escalated)' },
  admin: { zh: '（管理员指派）', en: ' (assigned by an admin)' },
  reopen: { zh: '（重新打开）', en: ' (reopened)' },
};

/**
 * What names a record in a notice: the first text value of its layout that a person
 * typed (linked records and members hold ids, choices hold codes: both are skipped).
 */
export function noticeTitle(form: FormDefinition, data: JsonObject): string {
  for (const key of form.layout) {
    const field = form.schema.properties[key];
    const value = data[key];
    if (field?.type !== 'string' || typeof value !== 'string' || value === '') continue;
    if (field.enum || field.format === 'uuid') continue;
    return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  }
  return '';
}

/** The in-app line a new task puts in its assignee's list: what to do, on which record, at which node. */
export function taskNoticeMessage(
  effect: CreateTask,
  form: FormDefinition,
  nodeName: I18nText,
  title: string,
): I18nText {
  const kind = KIND[effect.kind];
  const origin = effect.origin ? ORIGIN[effect.origin] : { zh: '', en: '' };
  const zhRecord = title ? `${form.name.zh}「${title}」` : form.name.zh;
  const enRecord = title ? `${form.name.en} "${title}"` : form.name.en;
  return {
    zh: `${kind.zh}${origin.zh}：${zhRecord} · ${nodeName.zh}`,
    en: `${kind.en}${origin.en}: ${enRecord} · ${nodeName.en}`,
  };
}
