import { ApiError } from '@liuyun/client';
import type { I18nValue } from '../i18n/i18n.context';

/** A sentence for people about a failed call, in the current language. */
export function describeError(error: unknown, t: I18nValue['t']): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 404) return t('error.notFound');
    if (error.status === 403) return t('error.forbidden');
    return t('error.generic', { message: error.message });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}
