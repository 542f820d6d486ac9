import type { I18nText } from '@liuyun/definitions';

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

export type TemplateDelta = 'added' | 'changed' | 'removed' | 'unchanged' | 'unknown';
export type UpgradeOutcome = 'apply' | 'keep' | 'same' | 'conflict';
export type UpgradeChangeKind = 'form' | 'setting' | 'field' | 'flow' | 'automation' | 'dashboard';
export type UpgradeResolution = 'mine' | 'theirs';

export interface UpgradeChange {
  id: string;
  kind: UpgradeChangeKind;
  form: string | null;
  key: string;
  upstream: TemplateDelta;
  local: TemplateDelta;
  outcome: UpgradeOutcome;
  base: unknown;
  theirs: unknown;
  ours: unknown;
  /** Stored records the template's version of this field would make invalid. */
  breaksRecords: number;
}

export interface UpgradePlan {
  appKey: string;
  templateKey: string;
  source: 'builtin' | 'published';
  installedVersion: string | null;
  availableVersion: string;
  revision: string;
  upToDate: boolean;
  baseKnown: boolean;
  changes: UpgradeChange[];
  conflicts: number;
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
