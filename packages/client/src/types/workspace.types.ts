import type { I18nText } from '@liuyun/definitions';

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

// The template gallery: the one definition the engine uses too (packages/definitions).
export type { TemplateInstallation, TemplatePreview, TemplateSummary } from '@liuyun/definitions';

export interface InstalledApp {
  id: string;
  key: string;
  name: I18nText;
  sampleRecords?: number;
}
