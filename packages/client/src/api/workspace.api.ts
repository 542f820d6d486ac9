import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type {
  BatchResult,
  InstalledApp,
  NotificationSummary,
  TemplatePreview,
  TemplateSummary,
  UiLanguage,
  UserPreferences,
  WorkspaceSummary,
} from '../types/workspace.types';
import type { InstallTemplateOptions } from '../types/templates.types';

const workspaceSummary = endpoint<WorkspaceSummary>('GET', '/me/workspace');
const preferences = endpoint<UserPreferences>('GET', '/me/preferences');
const savePreferences = endpoint<UserPreferences>('PUT', '/me/preferences');
const notifications = endpoint<NotificationSummary>('GET', '/notifications');
const batchActions = endpoint<BatchResult>('POST', '/tasks/batch-actions');
const templates = endpoint<TemplateSummary[]>('GET', '/templates');
const template = endpoint<TemplatePreview>('GET', '/templates/{key}');
const installTemplate = endpoint<InstalledApp>('POST', '/templates/{key}/install');

/** The staff workspace (home, inbox batch decisions, preferences) and the template gallery. */
export const workspaceApi = (http: Http) => ({
  workspaceSummary: (signal?: AbortSignal) => workspaceSummary(http, { signal }),
  preferences: (signal?: AbortSignal) => preferences(http, { signal }),
  savePreferences: (language: UiLanguage) => savePreferences(http, { body: { language } }),
  /** The newest notifications and how many are unread (the home summary). */
  notificationsSummary: (limit: number, signal?: AbortSignal) =>
    notifications(http, { query: { limit }, signal }),
  batchActOnTasks: (taskIds: string[], action: 'approve' | 'reject', comment: string) =>
    batchActions(http, {
      body: comment === '' ? { taskIds, action } : { taskIds, action, comment },
    }),
  templates: (signal?: AbortSignal) => templates(http, { signal }),
  template: (key: string, signal?: AbortSignal) => template(http, { path: { key }, signal }),
  installTemplate: (key: string, options: InstallTemplateOptions = {}) =>
    installTemplate(http, { path: { key }, body: options }),
});
