import { Injectable } from '@nestjs/common';
import type { PickerScope } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

export interface PoolUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
}

export interface PoolDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

/** The departments of a scope (and, unless `includeChildren` is false, all below them). */
const SCOPE_DEPARTMENTS = `
  WITH RECURSIVE scope AS (
    SELECT d.id FROM departments d WHERE d.id = ANY($1::uuid[])
    UNION
    SELECT c.id FROM departments c JOIN scope s ON c.parent_id = s.id WHERE $2::boolean
  )`;

/**
 * The option pools of member and department pickers: active users (and departments)
 * limited by a field's `x-scope` (departments, with or without those below, and roles).
 * The lookup routes list them; submissions are checked against them.
 */
@Injectable()
export class PickerPool {
  async users(
    m: EntityManager,
    scope: PickerScope | undefined,
    filter: { ids?: string[]; search?: string; limit: number; includeDisabled?: boolean },
  ): Promise<PoolUser[]> {
    const departments = scope?.departments ?? null;
    const roles = scope?.roles ?? null;
    const rows: PoolUser[] = await m.query(
      `${SCOPE_DEPARTMENTS}
       SELECT u.id, u.username, u.display_name AS "displayName", u.department_id AS "departmentId"
         FROM users u
        WHERE ($8::boolean OR NOT u.disabled)
          AND ($3::uuid[] IS NULL OR u.department_id IN (SELECT id FROM scope))
          AND ($4::text[] IS NULL OR EXISTS (
                SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                 WHERE ur.user_id = u.id AND r.key = ANY($4::text[])))
          AND ($5::uuid[] IS NULL OR u.id = ANY($5::uuid[]))
          AND ($6::text IS NULL OR u.username ILIKE $6 OR u.display_name ILIKE $6)
        ORDER BY u.display_name, u.username
        LIMIT $7`,
      [
        departments ?? [],
        scope?.includeChildren !== false,
        departments,
        roles,
        filter.ids ?? null,
        filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
        filter.limit,
        filter.includeDisabled === true,
      ],
    );
    return rows;
  }

  async departments(
    m: EntityManager,
    scope: PickerScope | undefined,
    filter: { ids?: string[]; limit: number },
  ): Promise<PoolDepartment[]> {
    const departments = scope?.departments ?? null;
    const rows: PoolDepartment[] = await m.query(
      `${SCOPE_DEPARTMENTS}
       SELECT d.id, d.name, d.parent_id AS "parentId" FROM departments d
        WHERE ($3::uuid[] IS NULL OR d.id IN (SELECT id FROM scope))
          AND ($4::uuid[] IS NULL OR d.id = ANY($4::uuid[]))
        ORDER BY d.name LIMIT $5`,
      [
        departments ?? [],
        scope?.includeChildren !== false,
        departments,
        filter.ids ?? null,
        filter.limit,
      ],
    );
    return rows;
  }
}
