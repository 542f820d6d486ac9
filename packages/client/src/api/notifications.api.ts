import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { NotificationPage, NotificationPreferences } from '../types/notifications.types';

const notifications = endpoint<NotificationPage>('GET', '/notifications');
const markRead = endpoint<{ id: string; read: true }>(
  'POST',
  '/notifications/{notificationId}/read',
);
const preferences = endpoint<NotificationPreferences>('GET', '/notifications/preferences');
const setPreferences = endpoint<NotificationPreferences>('POST', '/notifications/preferences');

/** The signed-in user's in-app notifications and channel preferences. */
export const notificationsApi = (http: Http) => ({
  notifications: (options: { limit?: number; cursor?: string } = {}, signal?: AbortSignal) =>
    notifications(http, {
      query: {
        ...(options.limit !== undefined ? { limit: String(options.limit) } : {}),
        ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
      },
      signal,
    }),
  markNotificationRead: (notificationId: string) => markRead(http, { path: { notificationId } }),
  notificationPreferences: (signal?: AbortSignal) => preferences(http, { signal }),
  setNotificationPreferences: (value: NotificationPreferences) =>
    setPreferences(http, { body: value }),
});
