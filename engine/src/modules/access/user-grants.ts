import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { FormAction } from '../../common/policy/route-policy';
import type { FieldAccess, FormGrant } from './permission-set.types';

/** One grant of one of the user's permission sets, on one form. */
export interface HeldGrant extends FormGrant {
  formId: string;
  setKey: string;
}

/**
 * What the permission sets give one user: the grants by form, which forms are governed
 * by permission sets at all (their app has at least one set), and the user's department
 * with the departments below it (the "department" row scope).
 */
export interface UserGrants {
  user: AuthUser;
  governed: Set<string>;
  byForm: Map<string, HeldGrant[]>;
  departmentTree: string[];
}

/**
 * Loads the grants of the sets assigned to the user, to one of their roles or to their
 * department or one above it (a set given to a department reaches below), with the forms
 * governed by permission sets and the user's department tree, in ONE statement (one
 * snapshot, one round trip per request).
 */
export async function loadUserGrants(m: EntityManager, user: AuthUser): Promise<UserGrants> {
  const rows: {
    governed: string[];
    grants: { form_id: string; set_key: string; grant: FormGrant }[];
    tree: string[];
  }[] = await m.query(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM departments WHERE id = $3::uuid
       UNION SELECT d.id, d.parent_id FROM departments d JOIN up ON d.id = up.parent_id),
     sub AS (
       SELECT id FROM departments WHERE id = $3::uuid
       UNION SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id)
     SELECT ARRAY(SELECT f.id FROM forms f
                   WHERE EXISTS (SELECT 1 FROM permission_sets ps WHERE ps.app_id = f.app_id)) AS governed,
            (SELECT COALESCE(json_agg(json_build_object('form_id', f.id, 'set_key', ps.key,
                                                        'grant', ps.forms -> f.key) ORDER BY ps.key), '[]'::json)
               FROM permission_sets ps JOIN forms f ON f.app_id = ps.app_id AND ps.forms ? f.key
              WHERE NOT $4::boolean AND EXISTS (
                SELECT 1 FROM permission_assignments pa WHERE pa.set_id = ps.id AND (
                     (pa.subject_type = 'user' AND pa.subject = $1)
                  OR (pa.subject_type = 'role' AND pa.subject = ANY($2::text[]))
                  OR (pa.subject_type = 'department'
                      AND pa.subject = ANY(ARRAY(SELECT id::text FROM up)))))) AS grants,
            ARRAY(SELECT id FROM sub) AS tree`,
    [user.id, user.roles, user.departmentId, user.isAdmin],
  );
  const row = rows[0];
  const governed = new Set(row?.governed ?? []);
  const byForm = new Map<string, HeldGrant[]>();
  if (!row || governed.size === 0 || user.isAdmin)
    return { user, governed, byForm, departmentTree: [] };
  for (const r of row.grants) {
    const list = byForm.get(r.form_id) ?? [];
    list.push({ ...r.grant, formId: r.form_id, setKey: r.set_key });
    byForm.set(r.form_id, list);
  }
  return { user, governed, byForm, departmentTree: row.tree };
}

/** The user's grants on a form that allow `action`. */
export function grantsFor(g: UserGrants, formId: string, action: FormAction): HeldGrant[] {
  return (g.byForm.get(formId) ?? []).filter((x) => x.actions.includes(action));
}

const RANK: Record<FieldAccess, number> = { hidden: 0, readonly: 1, editable: 2 };

/**
 * How the user may treat each field of a form, merged over their grants on it: the most
 * open wins (a grant that does not name a field leaves it editable). Fields not in the
 * answer are editable. Administrators and forms without permission sets: none limited.
 */
export function fieldAccessOf(g: UserGrants, formId: string): Map<string, FieldAccess> {
  const out = new Map<string, FieldAccess>();
  if (g.user.isAdmin || !g.governed.has(formId)) return out;
  const grants = g.byForm.get(formId) ?? [];
  if (grants.length === 0) return out;
  const named = new Set(grants.flatMap((x) => Object.keys(x.fields ?? {})));
  for (const field of named) {
    let best: FieldAccess = 'hidden';
    for (const grant of grants) {
      const access = grant.fields?.[field] ?? 'editable';
      if (RANK[access] > RANK[best]) best = access;
    }
    if (best !== 'editable') out.set(field, best);
  }
  return out;
}
