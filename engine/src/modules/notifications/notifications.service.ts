import { Injectable } from '@nestjs/common';
import type { I18nText } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { notFound } from '../../common/errors/app-error';
import { encodeCursor, type Cursor } from '../../common/pagination/cursor';
import { RequestSchema } from '../../common/validation/request-validator';

export interface NotificationItem {
  id: string;
  recordId: string | null;
  nodeId: string | null;
  reason: string;
  message: I18nText;
  read: boolean;
  createdAt: string;
}

interface Row {
  id: string;
  record_id: string | null;
  node_id: string | null;
  reason: string;
  message: I18nText;
  read_at: Date | null;
  created_at: Date;
}

export type Channel = 'in_app' | 'email' | 'dingtalk' | 'wecom' | 'feishu';

export interface Preferences {
  channels: Channel[];
  email?: string;
}

const preferencesSchema = new RequestSchema<Preferences>({
  type: 'object',
  properties: {
    channels: {
      type: 'array',
      uniqueItems: true,
      maxItems: 5,
      items: { type: 'string', enum: ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'] },
    },
    email: { type: 'string', maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' },
  },
  required: ['channels'],
  additionalProperties: false,
});

/** In-app notifications per user, and which channels each user wants. */
@Injectable()
export class NotificationsService {
  constructor(private readonly db: DataSource) {}

  async list(
    user: AuthUser,
    n: number,
    c: Cursor | null,
  ): Promise<{ items: NotificationItem[]; nextCursor: string | null; unread: number }> {
    const params: unknown[] = [user.id, n + 1];
    let after = '';
    if (c) {
      params.push(c.at, c.id);
      after = 'AND (created_at, id) < ($3::timestamptz, $4::uuid)';
    }
    const rows: Row[] = await this.db.query(
      `SELECT id, record_id, node_id, reason, message, read_at, created_at FROM notifications
        WHERE user_id = $1 ${after} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    const unread: { n: number }[] = await this.db.query(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [user.id],
    );
    const page = rows.slice(0, n);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        recordId: r.record_id,
        nodeId: r.node_id,
        reason: r.reason,
        message: r.message,
        read: r.read_at !== null,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor: rows.length > n && last ? encodeCursor(last.created_at, last.id) : null,
      unread: unread[0]?.n ?? 0,
    };
  }

  async markRead(id: string, user: AuthUser): Promise<{ id: string; read: true }> {
    const res = (await this.db.query(
      'UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2',
      [id, user.id],
    )) as [unknown, number];
    if (res[1] !== 1) throw notFound('The notification');
    return { id, read: true };
  }

  async preferences(user: AuthUser): Promise<Preferences> {
    const rows: { channels: Channel[]; email: string | null }[] = await this.db.query(
      'SELECT channels, email FROM notification_preferences WHERE user_id = $1',
      [user.id],
    );
    const row = rows[0];
    return row
      ? { channels: row.channels, ...(row.email ? { email: row.email } : {}) }
      : { channels: ['in_app'] };
  }

  async setPreferences(body: unknown, user: AuthUser): Promise<Preferences> {
    const prefs = preferencesSchema.parse(body);
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, channels, email) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET channels = EXCLUDED.channels, email = EXCLUDED.email, updated_at = now()`,
      [user.id, JSON.stringify(prefs.channels), prefs.email ?? null],
    );
    return prefs;
  }
}
