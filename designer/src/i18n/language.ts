import type { I18nText } from '@liuyun/definitions';
import { en, zh, type MessageKey } from './messages';

export type Language = 'zh' | 'en';

const LANGUAGE_KEY = 'liuyun.language';

const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

/** The saved choice, else the browser's language, else Chinese. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function saveLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
}

export type MessageParams = Record<string, string | number>;

/** Looks a key up and fills `{name}` placeholders. Values are plain text, never markup. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Picks the text for the language from a `{ zh, en }` pair, falling back to the other one. */
export function pickText(language: Language, text: I18nText | undefined, fallback = ''): string {
  if (!text) return fallback;
  return text[language] || text[language === 'zh' ? 'en' : 'zh'] || fallback;
}
