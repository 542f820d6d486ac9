import { createContext } from 'react';
import type { I18nText } from '@liuyun/definitions';
import type { MessageKey } from './messages';
import type { Language, MessageParams } from './language';

export interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  /** A UI text by key. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** A text from a definition (`{ zh, en }`). */
  text: (value: I18nText | undefined, fallback?: string) => string;
  /** A date and time in the user's language. */
  formatDateTime: (iso: string) => string;
  /** A number in the user's language with a fixed number of decimals (if given). */
  formatNumber: (value: number, decimals?: number) => string;
}

export const I18nContext = createContext<I18nValue | null>(null);
