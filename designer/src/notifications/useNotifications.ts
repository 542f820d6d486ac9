import type { NotificationItem } from '@liuyun/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';

const PAGE = 20;
/** The unread count is refreshed this often while the app is open. */
const POLL_MS = 60_000;

export interface NotificationsState {
  items: NotificationItem[];
  unread: number;
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
}

/** The signed-in user's notifications: the first page, the unread count, and marking read. */
export function useNotifications(): NotificationsState {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const alive = useRef(true);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const page = await api.notifications({ limit: PAGE });
      if (!alive.current) return;
      setItems(page.items);
      setUnread(page.unread);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (failure) {
      if (alive.current) setError(failure);
    } finally {
      if (alive.current) setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (nextCursor === null) return;
    const page = await api.notifications({ limit: PAGE, cursor: nextCursor });
    if (!alive.current) return;
    setItems((current) => [...current, ...page.items]);
    setUnread(page.unread);
    setNextCursor(page.nextCursor);
  }, [nextCursor]);

  const markRead = useCallback(async (id: string) => {
    await api.markNotificationRead(id);
    if (!alive.current) return;
    setItems((current) => current.map((n) => (n.id === id ? { ...n, read: true } : n)));
    setUnread((n) => Math.max(0, n - 1));
  }, []);

  const markAllRead = useCallback(async () => {
    for (const n of items) if (!n.read) await api.markNotificationRead(n.id);
    await refresh();
  }, [items, refresh]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => {
      alive.current = false;
      window.clearInterval(timer);
    };
  }, [refresh]);

  return { items, unread, nextCursor, loading, error, refresh, loadMore, markRead, markAllRead };
}
