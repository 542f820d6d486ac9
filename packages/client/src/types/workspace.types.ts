import type { FlowDefinition, FormDefinition, I18nText } from '@liuyun/definitions';

export type UiLanguage = 'zh' | 'en';

export interface UserPreferences {
  /** null until the user chose one. */
  language: UiLanguage | null;
}

export interface WorkspaceSummary {
  tasks: { todo: number; done: number; cc: number; started: number };
  recentRecords: {
    id: string;
    formId: string;
    formName: I18nText;
    title: string;
    status: string | null;
    statusLabel: I18nText | null;
    updatedAt: string;
  }[];
}

/** One in-app notification as the home summary shows it. */
export interface NotificationSummaryItem {
  id: string;
  recordId: string | null;
  nodeId: string | null;
  reason: string;
  message: I18nText;
  read: boolean;
  createdAt: string;
}

export interface NotificationSummary {
  items: NotificationSummaryItem[];
  nextCursor: string | null;
  unread: number;
}

export interface BatchResult {
  results: { taskId: string; status: number; code?: string }[];
}

export interface TemplateInstallation {
  appKey: string;
  version: string;
  upgradeAvailable: boolean;
}

export interface TemplateSummary {
  key: string;
  name: I18nText;
  description: I18nText;
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
  roles: { key: string; name: I18nText }[];
  forms: { form: FormDefinition; flow: FlowDefinition | null }[];
  dashboards: {
    key: string;
    name: I18nText;
    description: I18nText | null;
    charts: { id: string; title: I18nText; type: string }[];
  }[];
  automations: { key: string; name: I18nText }[];
}

export interface InstalledApp {
  id: string;
  key: string;
  name: I18nText;
  sampleRecords?: number;
}
