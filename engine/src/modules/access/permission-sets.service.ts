import { rowFilterFallbacks } from './row-filter.sql';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { I18nText } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import { conflict, notFound } from '../../common/errors/app-error';
import { checkPermissionSet } from './permission-set.check';
import type {
  Assignment,
  FormGrant,
  PermissionSetInput,
  PermissionSetView,
} from './permission-set.types';

interface SetRow {
  id: string;
  key: string;
  name: I18nText;
  description: I18nText | null;
  forms: Record<string, FormGrant>;
  revision: number;
  created_at: Date;
  updated_at: Date;
}

/** Department and user ids are kept in lower case, as the database writes uuids. */
function normalized(assignments: Assignment[]): Assignment[] {
  const seen = new Set<string>();
  const out: Assignment[] = [];
  for (const a of assignments) {
    const subject = a.type === 'role' ? a.subject : a.subject.toLowerCase();
    if (seen.has(`${a.type}:${subject}`)) continue;
    seen.add(`${a.type}:${subject}`);
    out.push({ type: a.type, subject });
  }
  return out;
}

/** Permission sets of an app: what they grant on each form and whom they are given to. */
@Injectable()
export class PermissionSetsService {
  constructor(private readonly db: DataSource) {}

  private async appId(m: EntityManager, appKey: string): Promise<string> {
    const rows: { id: string }[] = await m.query('SELECT id FROM apps WHERE key = $1', [appKey]);
    if (!rows[0]) throw notFound('The app');
    return rows[0].id;
  }

  private async views(m: EntityManager, appKey: string, appId: string, id?: string) {
    const rows: SetRow[] = await m.query(
      `SELECT id, key, name, description, forms, revision, created_at, updated_at
         FROM permission_sets WHERE app_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid) ORDER BY key`,
      [appId, id ?? null],
    );
    const assigned: { set_id: string; subject_type: Assignment['type']; subject: string }[] =
      rows.length === 0
        ? []
        : await m.query(
            `SELECT set_id, subject_type, subject FROM permission_assignments
              WHERE set_id = ANY($1::uuid[]) ORDER BY subject_type, subject`,
            [rows.map((r) => r.id)],
          );
    return rows.map((r): PermissionSetView => ({
      id: r.id,
      appKey,
      key: r.key,
      name: r.name,
      description: r.description,
      forms: r.forms,
      assignments: assigned
        .filter((a) => a.set_id === r.id)
        .map((a) => ({ type: a.subject_type, subject: a.subject })),
      revision: r.revision,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      rowFilterFallbacks: Object.entries(r.forms).flatMap(([form, grant]) => {
        const unsupported =
          typeof grant.rows === 'object' ? rowFilterFallbacks(grant.rows.filter) : [];
        return unsupported.length > 0 ? [{ form, unsupported }] : [];
      }),
    }));
  }

  async list(appKey: string): Promise<PermissionSetView[]> {
    const m = this.db.manager;
    return this.views(m, appKey, await this.appId(m, appKey));
  }

  async one(appKey: string, id: string, m: EntityManager = this.db.manager) {
    const [view] = await this.views(m, appKey, await this.appId(m, appKey), id);
    if (!view) throw notFound('The permission set');
    return view;
  }

  private async assign(m: EntityManager, setId: string, assignments: Assignment[]) {
    await m.query('DELETE FROM permission_assignments WHERE set_id = $1', [setId]);
    for (const a of assignments)
      await m.query(
        'INSERT INTO permission_assignments (set_id, subject_type, subject) VALUES ($1, $2, $3)',
        [setId, a.type, a.subject],
      );
  }

  /** Creates a set in the caller's transaction (the admin API and template installs). */
  async createIn(
    m: EntityManager,
    appKey: string,
    input: PermissionSetInput,
    actorId: string | null,
  ): Promise<PermissionSetView> {
    const appId = await this.appId(m, appKey);
    const assignments = normalized(input.assignments);
    await checkPermissionSet(m, appId, input.forms, assignments);
    const taken: unknown[] = await m.query(
      'SELECT 1 FROM permission_sets WHERE app_id = $1 AND key = $2',
      [appId, input.key],
    );
    if (taken.length > 0)
      throw conflict(
        'permission_set_key_taken',
        `The app has a permission set ${input.key} already.`,
      );
    const id = randomUUID();
    await m.query(
      `INSERT INTO permission_sets (id, app_id, key, name, description, forms, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        appId,
        input.key,
        JSON.stringify(input.name),
        input.description ? JSON.stringify(input.description) : null,
        JSON.stringify(input.forms),
        actorId,
      ],
    );
    await this.assign(m, id, assignments);
    const view = await this.one(appKey, id, m);
    await writeAudit(m, {
      actorId,
      action: 'permission_set.create',
      entityType: 'permission_set',
      entityId: id,
      after: view,
    });
    return view;
  }

  create(appKey: string, input: PermissionSetInput, actor: AuthUser): Promise<PermissionSetView> {
    return this.db.transaction((m) => this.createIn(m, appKey, input, actor.id));
  }

  /** Changes what is given (fields absent stay as they are); the revision counts up. */
  async update(
    appKey: string,
    id: string,
    patch: Partial<PermissionSetInput>,
    actor: AuthUser,
  ): Promise<PermissionSetView> {
    return this.db.transaction(async (m) => {
      const before = await this.one(appKey, id, m);
      const appId = await this.appId(m, appKey);
      const forms = patch.forms ?? before.forms;
      const assignments = normalized(patch.assignments ?? before.assignments);
      await checkPermissionSet(m, appId, forms, assignments);
      if (patch.key !== undefined && patch.key !== before.key) {
        const taken: unknown[] = await m.query(
          'SELECT 1 FROM permission_sets WHERE app_id = $1 AND key = $2',
          [appId, patch.key],
        );
        if (taken.length > 0)
          throw conflict(
            'permission_set_key_taken',
            `The app has a permission set ${patch.key} already.`,
          );
      }
      await m.query(
        `UPDATE permission_sets SET key = $2, name = $3, description = $4, forms = $5,
                revision = revision + 1, updated_at = now() WHERE id = $1`,
        [
          id,
          patch.key ?? before.key,
          JSON.stringify(patch.name ?? before.name),
          patch.description === undefined
            ? before.description === null
              ? null
              : JSON.stringify(before.description)
            : patch.description === null
              ? null
              : JSON.stringify(patch.description),
          JSON.stringify(forms),
        ],
      );
      await this.assign(m, id, assignments);
      const after = await this.one(appKey, id, m);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'permission_set.update',
        entityType: 'permission_set',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async remove(appKey: string, id: string, actor: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.one(appKey, id, m);
      await m.query('DELETE FROM permission_sets WHERE id = $1', [id]);
      await writeAudit(m, {
        actorId: actor.id,
        action: 'permission_set.delete',
        entityType: 'permission_set',
        entityId: id,
        before,
      });
    });
  }
}
