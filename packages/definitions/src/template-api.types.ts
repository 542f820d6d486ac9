import type { FlowDefinition, FormDefinition, I18nText, TemplateRole } from './types';

// The template gallery, publishing and upgrades as the API shows them: one definition for
// the engine and the typed client (docs/template-publishing.md).

export interface TemplateInstallation {
  appKey: string;
  version: string;
  upgradeAvailable: boolean;
}

export interface TemplateSummary {
  key: string;
  name: I18nText;
  description: I18nText;
  /** Some app here was installed from it (for a built-in: its app key is taken). */
  installed: boolean;
  /** Shipped in `templates/`, or published by an admin from an app. */
  source: 'builtin' | 'published';
  /** The newest published version (a built-in template: its revision). */
  version: string;
  revision: string;
  publishedAt: string | null;
  sampleRecords: number;
  installs: TemplateInstallation[];
}

export interface TemplatePreview extends TemplateSummary {
  roles: TemplateRole[];
  forms: { form: FormDefinition; flow: FlowDefinition | null }[];
  dashboards: {
    key: string;
    name: I18nText;
    description: I18nText | null;
    charts: { id: string; title: I18nText; type: string }[];
  }[];
  automations: { key: string; name: I18nText }[];
}

export interface InstallTemplateOptions {
  /** The new app's key (default: the template's). */
  appKey?: string;
  name?: I18nText;
  /** Load a published template's sample records (default true). */
  samples?: boolean;
}

export interface PublishTemplateInput {
  key: string;
  name: I18nText;
  description: I18nText;
  /** Semantic version, higher than the last published one of this key. */
  version: string;
  /** Carry the app's records as sample data. */
  samples?: boolean;
}

export interface PublishedTemplate {
  key: string;
  version: string;
  revision: string;
  previousVersion: string | null;
  forms: number;
  flows: number;
  automations: number;
  dashboards: number;
  sampleRecords: number;
}

/** How one side moved a unit away from the base (`unknown`: no base to compare with). */
export type TemplateDelta = 'added' | 'changed' | 'removed' | 'unchanged' | 'unknown';

/**
 * What the upgrade does with a unit: `apply` theirs (the admin did not touch it), `keep`
 * ours, `same` (both ended up alike), or `conflict` (both changed it differently: the
 * admin decides).
 */
export type UpgradeOutcome = 'apply' | 'keep' | 'same' | 'conflict';

export type UpgradeChangeKind = 'form' | 'setting' | 'field' | 'flow' | 'automation' | 'dashboard';

/** The admin's choice for one change: keep their own version or take the template's. */
export type UpgradeResolution = 'mine' | 'theirs';

/** One unit an upgrade changes, as merged (three-way) against the installed version. */
export interface UpgradeMergeChange {
  /** `field:quote/discount`, `flow:quote`, `automation:followup_reminder`, ... */
  id: string;
  kind: UpgradeChangeKind;
  /** The form the unit belongs to (null for automations and dashboards). */
  form: string | null;
  key: string;
  upstream: TemplateDelta;
  local: TemplateDelta;
  outcome: UpgradeOutcome;
  /** The unit in the installed version, the new version and the app (null: absent). */
  base: unknown;
  theirs: unknown;
  ours: unknown;
}

export interface UpgradeChange extends UpgradeMergeChange {
  /** Stored records whose value of this field the template's version would refuse. */
  breaksRecords: number;
}

export interface UpgradePlan {
  appKey: string;
  templateKey: string;
  source: 'builtin' | 'published';
  /** What the app was installed from (or last upgraded to); null when not known. */
  installedVersion: string | null;
  availableVersion: string;
  /** Send it back with the upgrade: it refuses when the template moved on meanwhile. */
  revision: string;
  upToDate: boolean;
  /** False for apps installed before installs were remembered: every difference is a conflict. */
  baseKnown: boolean;
  changes: UpgradeChange[];
  conflicts: number;
}

export interface UpgradeInput {
  revision: string;
  resolutions?: Record<string, UpgradeResolution>;
}

export interface UpgradeResult {
  appKey: string;
  version: string;
  forms: { key: string; action: 'published' | 'created'; version: number }[];
  automations: { key: string; action: 'created' | 'updated' | 'disabled' }[];
  dashboards: { key: string; action: 'created' | 'updated' | 'deleted' }[];
  applied: number;
  kept: number;
}
