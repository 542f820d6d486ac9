import type { ValidationDetail } from '@liuyun/client';
import type { I18nValue } from '../i18n/i18n.context';
import type { MessageKey } from '../i18n/messages';

const limitParam: Record<string, string> = {
  minimum: 'limit',
  maximum: 'limit',
  exclusiveMinimum: 'limit',
  exclusiveMaximum: 'limit',
  minLength: 'limit',
  maxLength: 'limit',
  minItems: 'limit',
  maxItems: 'limit',
};

const keywordKeys: Record<string, MessageKey> = {
  required: 'validation.required',
  minimum: 'validation.minimum',
  maximum: 'validation.maximum',
  exclusiveMinimum: 'validation.exclusiveMinimum',
  exclusiveMaximum: 'validation.exclusiveMaximum',
  minLength: 'validation.minLength',
  maxLength: 'validation.maxLength',
  minItems: 'validation.minItems',
  maxItems: 'validation.maxItems',
  type: 'validation.type',
  enum: 'validation.enum',
  format: 'validation.format',
};

/**
 * A sentence for an ajv-shaped error in the user's language. Keywords we know get our
 * own wording; anything else (a submit check's message, a custom keyword) is shown as sent.
 */
export function validationMessage(
  detail: ValidationDetail,
  i18n: Pick<I18nValue, 't' | 'language'>,
): string {
  const { t } = i18n;
  // Submit checks carry their own text in both languages.
  const zh = detail.params?.messageZh;
  if (detail.keyword === 'check' && i18n.language === 'zh' && typeof zh === 'string') return zh;
  const key = keywordKeys[detail.keyword];
  if (!key) return detail.message ?? detail.keyword;
  const param = limitParam[detail.keyword];
  const limit = param ? detail.params?.[param] : undefined;
  return t(key, typeof limit === 'number' || typeof limit === 'string' ? { limit } : undefined);
}
