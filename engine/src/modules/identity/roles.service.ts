import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { I18nText } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import { conflict, notFound } from '../../common/errors/app-error';

export interface RoleView {
  id: string;
  key: string;
  name: I18nText;
  memberCount: number;
}

/** Roles: a stable key (flows and permission sets name it) and a name in both languages. */
@Injectable()
export class RolesService {
  constructor(private readonly db: DataSource) {}

  async list(m: EntityManager = this.db.manager): Promise<RoleView[]> {
    const rows: { id: string; key: string; name: I18nText; members: number }[] = await m.query(
      `SELECT r.id, r.key, r.name,
              (SELECT count(*)::int FROM user_roles ur WHERE ur.role_id = r.id) AS members
         FROM roles r ORDER BY r.key`,
    );
    return rows.map((r) => ({ id: r.id, key: r.key, name: r.name, memberCount: r.members }));
  }

  private async one(m: EntityManager, id: string): Promise<RoleView> {
    const found = (await this.list(m)).find((r) => r.id === id);
    if (!found) throw notFound('The role');
    return found;
  }

  async create(input: { key: string; name: I18nText }, actor: AuthUser): Promise<RoleView> {
    return this.db.transaction(async (m) => {
      const taken: unknown[] = await m.query('SELECT 1 FROM roles WHERE key = $1', [input.key]);
      if (taken.length > 0) throw conflict('role_key_taken', `A role ${input.key} exists already.`);
      const id = randomUUID();
      await m.query('INSERT INTO roles (id, key, name) VALUES ($1, $2, $3)', [
        id,
        input.key,
        input.name,
      ]);
      const view = await this.one(m, id);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'role.create',
        entityType: 'role',
        entityId: id,
        after: view,
      });
      return view;
    });
  }

  async rename(id: string, name: I18nText, actor: AuthUser): Promise<RoleView> {
    return this.db.transaction(async (m) => {
      const before = await this.one(m, id);
      await m.query('UPDATE roles SET name = $2 WHERE id = $1', [id, name]);
      const after = await this.one(m, id);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'role.update',
        entityType: 'role',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Only a role nobody holds; its permission-set and builder assignments go with it. */
  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.one(m, id);
      if (before.memberCount > 0)
        throw conflict('role_in_use', 'Take the role away from its members first.');
      await m.query(
        `DELETE FROM permission_assignments WHERE subject_type = 'role' AND subject = $1`,
        [before.key],
      );
      await m.query(`DELETE FROM app_builders WHERE subject_type = 'role' AND subject = $1`, [
        before.key,
      ]);
      await m.query('DELETE FROM roles WHERE id = $1', [id]);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'role.delete',
        entityType: 'role',
        entityId: id,
        before,
      });
    });
  }
}
