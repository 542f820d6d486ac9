/**
 * Every UI text, gathered from one file per area (`<area>.messages.ts`). To add an area,
 * write its file with `defineMessages(en, zh)` and spread it into both objects below.
 */
import { core } from './core.messages';
import { engine } from './engine.messages';
import { fields } from './fields.messages';

export const en = {
  ...core.en,
  ...engine.en,
  ...fields.en,
};

export const zh: Record<keyof typeof en, string> = {
  ...core.zh,
  ...engine.zh,
  ...fields.zh,
};

export type MessageKey = keyof typeof en;
