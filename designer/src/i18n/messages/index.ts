/**
 * Every UI text, gathered from one file per area (`<area>.messages.ts`). To add an area,
 * write its file with `defineMessages(en, zh)` and spread it into both objects below.
 */
import { core } from './core.messages';
import { workspace } from './workspace.messages';

export const en = {
  ...core.en,
  ...workspace.en,
};

export const zh: Record<keyof typeof en, string> = {
  ...core.zh,
  ...workspace.zh,
};

export type MessageKey = keyof typeof en;
