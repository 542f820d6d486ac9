import type { DefinitionErrorDetail } from '@liuyun/client';
import type { I18nValue } from '../../i18n/i18n.context';
import { en } from '../../i18n/messages';

/**
 * A publish error as a sentence: the engine's English message in English; in Chinese the
 * text for its stable code (the English message when the code is new).
 */
export function errorText(
  error: DefinitionErrorDetail,
  i18n: Pick<I18nValue, 't' | 'language'>,
): string {
  if (i18n.language === 'en') return error.message;
  const key = `defError.${error.code}`;
  return key in en ? i18n.t(key as keyof typeof en) : error.message;
}

/** Errors by place, as sentences, kept only where the thing they name is unchanged since. */
export function sentencesBy<T>(
  errors: ReadonlyMap<string, DefinitionErrorDetail[]>,
  i18n: Pick<I18nValue, 't' | 'language'>,
  unchanged: (id: string) => T | boolean,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, list] of errors) {
    if (!unchanged(id)) continue;
    out.set(
      id,
      list.map((e) => errorText(e, i18n)),
    );
  }
  return out;
}
