import { ApiError, type ValidationDetail } from '@liuyun/client';
import { describeError } from '../../common/error-message';
import type { I18nValue } from '../../i18n/i18n.context';
import type { MessageKey } from '../../i18n/messages';

/** Codes the admin pages say in the user's language; any other shows the server's sentence. */
const KNOWN: Record<string, MessageKey> = {
  username_taken: 'adminError.username_taken',
  unknown_role: 'adminError.unknown_role',
  unknown_department: 'adminError.unknown_department',
  unknown_user: 'adminError.unknown_user',
  cannot_lock_out_self: 'adminError.cannot_lock_out_self',
  department_cycle: 'adminError.department_cycle',
  department_has_children: 'adminError.department_has_children',
  department_has_members: 'adminError.department_has_members',
  role_key_taken: 'adminError.role_key_taken',
  role_in_use: 'adminError.role_in_use',
  validation_failed: 'adminError.validation_failed',
  import_invalid: 'adminError.import_invalid',
  csv_invalid: 'adminError.csv_invalid',
  csv_too_large: 'adminError.csv_too_large',
  invalid_filter: 'adminError.invalid_filter',
  invalid_range: 'adminError.invalid_range',
};

/** What went wrong, in one line: the translated code when known, else the server's message. */
export function apiErrorText(error: unknown, t: I18nValue['t']): string {
  if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500)
    return describeError(error, t);
  const known = KNOWN[error.code];
  return known ? t(known, { message: error.message }) : error.message;
}

/** One detail as a line: where (`/rows/4/password`) and what. */
export const detailLine = (d: ValidationDetail): string =>
  `${d.instancePath || '/'} ${d.message ?? d.keyword}`;

/** Every detail of a refused request, each as a line (`say` puts it in the page's words). */
export function detailLines(
  error: unknown,
  say: (d: ValidationDetail) => string = detailLine,
): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map(say);
}
