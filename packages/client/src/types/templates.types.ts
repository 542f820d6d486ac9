// Publishing and upgrading templates: the one definition the engine uses too
// (packages/definitions).
export type {
  InstallTemplateOptions,
  PublishedTemplate,
  PublishTemplateInput,
  TemplateDelta,
  UpgradeChange,
  UpgradeChangeKind,
  UpgradeOutcome,
  UpgradePlan,
  UpgradeResolution,
  UpgradeResult,
} from '@liuyun/definitions';
