import type { AuthUser } from '../../common/auth/auth-user';

/**
 * Who may read a record, until per-app permission sets arrive: administrators; the
 * submitter; anyone who has (or had) a task on it; and the heads of the submitter's
 * department and of every department above it. One SQL condition, used by the list
 * and by single reads alike, over a `records` row aliased `r`.
 * Parameters: `$<n>` = the user's id, `$<n+1>` = whether the user is an admin.
 */
export function recordVisibleSql(userParam: number): string {
  const u = `$${userParam}`;
  const admin = `$${userParam + 1}`;
  return `r.deleted_at IS NULL AND (${admin}::boolean
    OR r.created_by = ${u}::uuid
    OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.record_id = r.id AND vt.assignee_id = ${u}::uuid)
    OR EXISTS (
      WITH RECURSIVE led AS (
        SELECT d.id FROM departments d WHERE d.head_user_id = ${u}::uuid
        UNION
        SELECT c.id FROM departments c JOIN led ON c.parent_id = led.id
      )
      SELECT 1 FROM users cu JOIN led ON led.id = cu.department_id WHERE cu.id = r.created_by
    ))`;
}

export function recordVisibleParams(user: AuthUser): [string, boolean] {
  return [user.id, user.isAdmin];
}
