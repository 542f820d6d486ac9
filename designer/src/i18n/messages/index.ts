/**
 * Every UI text, gathered from one file per area (`<area>.messages.ts`). To add an area,
 * write its file with `defineMessages(en, zh)` and spread it into both objects below.
 */
import { automation } from './automation.messages';
import { builder } from './builder.messages';
import { core } from './core.messages';
import { fields } from './fields.messages';
import { flowEditor } from './flow-editor.messages';

export const en = {
  ...core.en,
  ...fields.en,
  ...builder.en,
  ...flowEditor.en,
  ...automation.en,
};

export const zh: Record<keyof typeof en, string> = {
  ...core.zh,
  ...fields.zh,
  ...builder.zh,
  ...flowEditor.zh,
  ...automation.zh,
};

export type MessageKey = keyof typeof en;
