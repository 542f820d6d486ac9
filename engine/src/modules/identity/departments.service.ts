import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest, conflict, notFound } from '../../common/errors/app-error';

export interface DepartmentView {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  memberCount: number;
}

export interface DepartmentInput {
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
}

interface DepartmentRow {
  id: string;
  name: string;
  parent_id: string | null;
  head_user_id: string | null;
  members: number;
}

const toView = (r: DepartmentRow): DepartmentView => ({
  id: r.id,
  name: r.name,
  parentId: r.parent_id,
  headUserId: r.head_user_id,
  memberCount: r.members,
});

/** Departments: a tree (parent links, no cycles) with a head each. */
@Injectable()
export class DepartmentsService {
  constructor(private readonly db: DataSource) {}

  async list(m: EntityManager = this.db.manager): Promise<DepartmentView[]> {
    const rows: DepartmentRow[] = await m.query(
      `SELECT d.id, d.name, d.parent_id, d.head_user_id,
              (SELECT count(*)::int FROM users u WHERE u.department_id = d.id AND NOT u.disabled) AS members
         FROM departments d ORDER BY d.name, d.id`,
    );
    return rows.map(toView);
  }

  private async one(m: EntityManager, id: string): Promise<DepartmentView> {
    const found = (await this.list(m)).find((d) => d.id === id);
    if (!found) throw notFound('The department');
    return found;
  }

  async create(
    input: DepartmentInput & { name: string },
    actor: AuthUser,
  ): Promise<DepartmentView> {
    return this.db.transaction(async (m) => {
      const id = randomUUID();
      await this.checkRefs(m, id, input);
      await m.query(
        'INSERT INTO departments (id, name, parent_id, head_user_id) VALUES ($1, $2, $3, $4)',
        [
          id,
          input.name,
          input.parentId?.toLowerCase() ?? null,
          input.headUserId?.toLowerCase() ?? null,
        ],
      );
      const view = await this.one(m, id);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'department.create',
        entityType: 'department',
        entityId: id,
        after: view,
      });
      return view;
    });
  }

  async update(id: string, input: DepartmentInput, actor: AuthUser): Promise<DepartmentView> {
    return this.db.transaction(async (m) => {
      // One tree edit at a time, so two concurrent moves cannot make a cycle together.
      await m.query('SELECT pg_advisory_xact_lock(7100501)');
      const before = await this.one(m, id);
      await this.checkRefs(m, id, input);
      await m.query(
        `UPDATE departments SET
           name = COALESCE($2, name),
           parent_id = CASE WHEN $5 THEN $3::uuid ELSE parent_id END,
           head_user_id = CASE WHEN $6 THEN $4::uuid ELSE head_user_id END
         WHERE id = $1`,
        [
          id,
          input.name ?? null,
          input.parentId?.toLowerCase() ?? null,
          input.headUserId?.toLowerCase() ?? null,
          input.parentId !== undefined,
          input.headUserId !== undefined,
        ],
      );
      const after = await this.one(m, id);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'department.update',
        entityType: 'department',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7100501)');
      const before = await this.one(m, id);
      const children: unknown[] = await m.query(
        'SELECT 1 FROM departments WHERE parent_id = $1 LIMIT 1',
        [id],
      );
      if (children.length > 0)
        throw conflict('department_has_children', 'Move or delete its sub-departments first.');
      const members: unknown[] = await m.query(
        'SELECT 1 FROM users WHERE department_id = $1 LIMIT 1',
        [id],
      );
      if (members.length > 0)
        throw conflict('department_has_members', 'Move its members to another department first.');
      await m.query(
        `DELETE FROM permission_assignments WHERE subject_type = 'department' AND subject = $1`,
        [id],
      );
      await m.query(`DELETE FROM app_builders WHERE subject_type = 'department' AND subject = $1`, [
        id,
      ]);
      await m.query('DELETE FROM departments WHERE id = $1', [id]);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'department.delete',
        entityType: 'department',
        entityId: id,
        before,
      });
    });
  }

  /** The parent exists and is not the department or one below it; the head exists. */
  private async checkRefs(m: EntityManager, id: string, input: DepartmentInput): Promise<void> {
    if (input.parentId) {
      const parent = input.parentId.toLowerCase();
      const chain: { id: string }[] = await m.query(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id, 1 AS depth FROM departments WHERE id = $1
           UNION ALL
           SELECT d.id, d.parent_id, up.depth + 1 FROM departments d JOIN up ON d.id = up.parent_id WHERE up.depth < 100
         ) SELECT id FROM up`,
        [parent],
      );
      if (chain.length === 0)
        throw badRequest('unknown_department', 'The parent department does not exist.');
      if (chain.some((c) => c.id === id))
        throw conflict('department_cycle', 'A department cannot sit below itself.');
    }
    if (input.headUserId) {
      const head: unknown[] = await m.query('SELECT 1 FROM users WHERE id = $1 AND NOT disabled', [
        input.headUserId,
      ]);
      if (head.length === 0) throw badRequest('unknown_user', 'The head must be an active user.');
    }
  }
}
