import { Injectable } from '@nestjs/common';
import type { AssigneeSpec, FlowDefinition } from '@liuyun/definitions';
import type { Directory, DirectoryAssigneeSpec } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { GenerationCache } from '../../common/cache/cache-generations';

interface DepartmentRow {
  id: string;
  parent_id: string | null;
  head_user_id: string | null;
}

const SPEC_KINDS = new Set(['user', 'role', 'department_head', 'submitter', 'field']);

function isAssigneeSpec(v: unknown): v is AssigneeSpec {
  return (
    typeof v === 'object' && v !== null && SPEC_KINDS.has((v as { kind?: unknown }).kind as string)
  );
}

/** Every assignee spec anywhere in the flow's node settings (assignees, recipients, escalations). */
export function collectAssigneeSpecs(flow: FlowDefinition): AssigneeSpec[] {
  const found: AssigneeSpec[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isAssigneeSpec(v)) found.push(v);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  for (const node of flow.nodes) walk(node.settings);
  return found;
}

/**
 * Builds the runtime's Directory: a snapshot of just the people a flow can name
 * (its users, its roles' members, the submitter's chain of department heads), so
 * the pure interpreter resolves assignees without touching the database.
 */
@Injectable()
export class DirectoryService {
  /**
   * Lookups kept per process until anyone changes users, departments or roles (the
   * `directory` generation, bumped by triggers on those tables, tells every process).
   */
  private readonly lookups = new GenerationCache<unknown>('directory');

  private cached<T>(m: EntityManager, key: string, load: () => Promise<T>): Promise<T> {
    return this.lookups.get(m, key, load) as Promise<T>;
  }

  async snapshot(
    manager: EntityManager,
    flow: FlowDefinition,
    submitterId: string,
  ): Promise<Directory> {
    const specs = collectAssigneeSpecs(flow);
    const usernames = [...new Set(specs.flatMap((s) => (s.kind === 'user' ? [s.username] : [])))];
    const roleKeys = [...new Set(specs.flatMap((s) => (s.kind === 'role' ? [s.role] : [])))];

    const byUsername = new Map<string, string>();
    if (usernames.length > 0) {
      const rows = await this.cached(
        manager,
        `users:${usernames.sort().join(',')}`,
        (): Promise<{ id: string; username: string }[]> =>
          manager.query(
            'SELECT id, username FROM users WHERE username = ANY($1::text[]) AND NOT disabled',
            [usernames],
          ),
      );
      for (const r of rows) byUsername.set(r.username, r.id);
    }
    const byRole = new Map<string, string[]>();
    if (roleKeys.length > 0) {
      const rows = await this.cached(
        manager,
        `roles:${roleKeys.sort().join(',')}`,
        (): Promise<{ key: string; user_id: string }[]> =>
          manager.query(
            `SELECT r.key, ur.user_id FROM roles r
               JOIN user_roles ur ON ur.role_id = r.id
               JOIN users u ON u.id = ur.user_id AND NOT u.disabled
              WHERE r.key = ANY($1::text[]) ORDER BY u.username`,
            [roleKeys],
          ),
      );
      for (const r of rows) byRole.set(r.key, [...(byRole.get(r.key) ?? []), r.user_id]);
    }
    // Only what the flow can ask for: the head chain for department_head specs, the
    // admins for nodes whose empty-assignee policy hands work to them.
    const headChain = specs.some((s) => s.kind === 'department_head')
      ? await this.departmentHeads(manager, submitterId)
      : [];
    const needsAdmins = flow.nodes.some(
      (n) => (n.type === 'approval' || n.type === 'fill') && n.settings.emptyPolicy === 'admin',
    );
    const adminRows: { id: string }[] = needsAdmins
      ? await this.cached(manager, 'admins', () =>
          manager.query('SELECT id FROM users WHERE is_admin AND NOT disabled ORDER BY username'),
        )
      : [];
    const admins = adminRows.map((r) => r.id);

    return {
      admins: () => admins,
      resolve(spec: DirectoryAssigneeSpec, ctx: { submitterId: string }): string[] {
        switch (spec.kind) {
          case 'user': {
            const id = byUsername.get(spec.username);
            return id ? [id] : [];
          }
          case 'role':
            return byRole.get(spec.role) ?? [];
          case 'department_head': {
            if (ctx.submitterId !== submitterId) return [];
            const head = headChain[spec.levels - 1];
            return head ? [head] : [];
          }
          case 'submitter':
            return [ctx.submitterId];
        }
      },
    };
  }

  /** Heads of the submitter's department, its parent, and so on up (null where none). */
  private async departmentHeads(
    manager: EntityManager,
    userId: string,
  ): Promise<(string | null)[]> {
    const rows = await this.cached(manager, `chain:${userId}`, (): Promise<DepartmentRow[]> =>
      manager.query(
        `WITH RECURSIVE chain AS (
         SELECT d.id, d.parent_id, d.head_user_id, 1 AS depth
           FROM departments d JOIN users u ON u.department_id = d.id WHERE u.id = $1
         UNION ALL
         SELECT p.id, p.parent_id, p.head_user_id, c.depth + 1
           FROM departments p JOIN chain c ON p.id = c.parent_id WHERE c.depth < 20
       ) SELECT id, parent_id, head_user_id FROM chain ORDER BY depth`,
        [userId],
      ),
    );
    return rows.map((r) => r.head_user_id);
  }
}
