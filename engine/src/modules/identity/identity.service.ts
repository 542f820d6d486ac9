import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { tokenStillValidSql, type SignedToken } from './token.service';
import { UserEntity } from './user.entity';

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

/** Reads users with their roles. */
@Injectable()
export class IdentityService {
  constructor(private readonly db: DataSource) {}

  async findByUsername(username: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ username });
  }

  async authUserById(
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<AuthUser | null> {
    const user = await manager.getRepository(UserEntity).findOneBy({ id });
    if (!user || user.disabled) return null;
    const roles: { key: string }[] = await manager.query(
      'SELECT r.key FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = $1 ORDER BY r.key',
      [id],
    );
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      departmentId: user.departmentId,
      roles: roles.map((r) => r.key),
      isAdmin: user.isAdmin,
    };
  }

  /**
   * The user a signed token names, in one statement with the token's validity (not
   * signed out, not older than a reset) and the user's roles; null when any fails.
   */
  async authUserForToken(token: SignedToken): Promise<AuthUser | null> {
    const rows: {
      id: string;
      username: string;
      display_name: string;
      department_id: string | null;
      is_admin: boolean;
      roles: string[];
    }[] = await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.department_id, u.is_admin,
              ARRAY(SELECT r.key FROM roles r JOIN user_roles ur ON ur.role_id = r.id
                     WHERE ur.user_id = u.id ORDER BY r.key) AS roles
         FROM users u
        WHERE u.id = $1::uuid AND NOT u.disabled AND ${tokenStillValidSql('$2', '$3')}`,
      [token.userId, token.jti, token.issuedMs],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      departmentId: row.department_id,
      roles: row.roles,
      isAdmin: row.is_admin,
    };
  }

  /** id → short reference, for answers that name people. */
  async refs(
    ids: Iterable<string>,
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, UserRef>> {
    const unique = [...new Set(ids)];
    const map = new Map<string, UserRef>();
    if (unique.length === 0) return map;
    const rows: { id: string; username: string; display_name: string }[] = await manager.query(
      'SELECT id, username, display_name FROM users WHERE id = ANY($1::uuid[])',
      [unique],
    );
    for (const r of rows)
      map.set(r.id, { id: r.id, username: r.username, displayName: r.display_name });
    return map;
  }
}
