import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type {
  PublishedTemplate,
  PublishTemplateInput,
  UpgradePlan,
  UpgradeResolution,
  UpgradeResult,
} from '../types/templates.types';

const publishTemplate = endpoint<PublishedTemplate>('POST', '/apps/{appKey}/publish-template');
const upgradePlan = endpoint<UpgradePlan>('GET', '/apps/{appKey}/template-upgrade');
const upgradeApp = endpoint<UpgradeResult>('POST', '/apps/{appKey}/template-upgrade');

/** Publishing an app to the template gallery, and upgrading apps installed from templates. */
export const templatesApi = (http: Http) => ({
  publishTemplate: (appKey: string, body: PublishTemplateInput) =>
    publishTemplate(http, { path: { appKey }, body }),
  templateUpgradePlan: (appKey: string, signal?: AbortSignal) =>
    upgradePlan(http, { path: { appKey }, signal }),
  upgradeApp: (appKey: string, revision: string, resolutions: Record<string, UpgradeResolution>) =>
    upgradeApp(http, { path: { appKey }, body: { revision, resolutions } }),
});
