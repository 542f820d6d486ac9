/**
 * Every UI text, gathered from one file per area (`<area>.messages.ts`). To add an area,
 * write its file with `defineMessages(en, zh)` and spread it into both objects below.
 */
import { automation } from './automation.messages';
import { builder } from './builder.messages';
import { core } from './core.messages';
import { engine } from './engine.messages';
import { fields } from './fields.messages';
import { flowEditor } from './flow-editor.messages';
import { operations } from './operations.messages';
import { permissions } from './permissions.messages';
import { records } from './records.messages';
import { workspace } from './workspace.messages';
import { admin } from './admin.messages';
import { users } from './users.messages';
import { org } from './org.messages';
import { calendar } from './calendar.messages';
import { audit } from './audit.messages';
import { templatePublishing } from './template-publishing.messages';
import { recordFilters } from './record-filters.messages';
import { recordDetail } from './record-detail.messages';

// The English texts of every area. The keys are the contract: each area's Chinese
// object has the same keys (defineMessages checks it), and the Chinese dictionary
// below must cover every key of this one (its type checks it). New areas go at the
// end of both lists, one line each.
export const en = {
  ...core.en,
  ...automation.en,
  ...builder.en,
  ...engine.en,
  ...fields.en,
  ...flowEditor.en,
  ...operations.en,
  ...records.en,
  ...workspace.en,
  ...permissions.en,
  ...admin.en,
  ...users.en,
  ...org.en,
  ...calendar.en,
  ...audit.en,
  ...templatePublishing.en,
  ...recordFilters.en,
  ...recordDetail.en,
};

// The Chinese texts, area by area, in the same order as above. Keep one line per
// area: parallel branches that add areas then merge cleanly (git's union driver,
// see .gitattributes), and a forgotten area is a type error here rather than a
// missing text on the screen.
export const zh: Record<keyof typeof en, string> = {
  ...core.zh,
  ...automation.zh,
  ...builder.zh,
  ...engine.zh,
  ...fields.zh,
  ...flowEditor.zh,
  ...operations.zh,
  ...records.zh,
  ...workspace.zh,
  ...permissions.zh,
  ...admin.zh,
  ...users.zh,
  ...org.zh,
  ...calendar.zh,
  ...audit.zh,
  ...templatePublishing.zh,
  ...recordFilters.zh,
  ...recordDetail.zh,
};

export type MessageKey = keyof typeof en;
