import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';

export type UiLanguage = 'zh' | 'en';

export interface UserPreferences {
  /** The language the web app shows; null until the user chose one. */
  language: UiLanguage | null;
}

/** Each user's own settings of the web app, kept on the server so they follow the user. */
@Injectable()
export class UserPreferencesService {
  constructor(private readonly db: DataSource) {}

  async get(user: AuthUser): Promise<UserPreferences> {
    const rows: { language: UiLanguage | null }[] = await this.db.query(
      'SELECT language FROM user_preferences WHERE user_id = $1',
      [user.id],
    );
    return { language: rows[0]?.language ?? null };
  }

  async set(user: AuthUser, input: { language: UiLanguage }): Promise<UserPreferences> {
    return this.db.transaction(async (m) => {
      const before: { language: UiLanguage | null }[] = await m.query(
        'SELECT language FROM user_preferences WHERE user_id = $1 FOR UPDATE',
        [user.id],
      );
      await m.query(
        `INSERT INTO user_preferences (user_id, language) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, updated_at = now()`,
        [user.id, input.language],
      );
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'user.preferences',
        entityType: 'user',
        entityId: user.id,
        before: before[0] ? { language: before[0].language } : null,
        after: { language: input.language },
      });
      return { language: input.language };
    });
  }
}
