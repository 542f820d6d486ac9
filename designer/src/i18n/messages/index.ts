/**
 * Every UI text, gathered from one file per area (`<area>.messages.ts`). To add an area,
 * write its file with `defineMessages(en, zh)` and spread it into both objects below.
 */
import { core } from './core.messages';
import { fields } from './fields.messages';
import { operations } from './operations.messages';

export const en = {
  ...core.en,
  ...fields.en,
  ...operations.en,
};

export const zh: Record<keyof typeof en, string> = {
  ...core.zh,
  ...fields.zh,
  ...operations.zh,
};

export type MessageKey = keyof typeof en;
