import type { I18nText } from '@liuyun/definitions';

/** One in-app notification of the signed-in user. */
export interface NotificationItem {
  id: string;
  recordId: string | null;
  nodeId: string | null;
  /** Why it was sent: `node` (a notify step), `remind` or `deadline` (a task's deadline). */
  reason: string;
  message: I18nText;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
  /** Unread notifications in all (not only on this page). */
  unread: number;
}

export type NotificationChannel = 'in_app' | 'email' | 'dingtalk' | 'wecom' | 'feishu';

/** Which channels the user wants notifications on (and the address for e-mail). */
export interface NotificationPreferences {
  channels: NotificationChannel[];
  email?: string;
}
