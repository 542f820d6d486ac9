import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
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
