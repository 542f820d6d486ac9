import { evaluate, isTruthy } from '@liuyun/logic';
import type { JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { FormAction } from '../../common/policy/route-policy';
import { bindUsed, compileRowFilter, numberPlaceholders } from './row-filter.sql';
import { grantsFor, type HeldGrant, type UserGrants } from './user-grants';

/**
 * Which records a user may see or act on, as ONE SQL condition over a `records` row
 * aliased `r`, with its parameters. Every surface that reads records (lists, search,
 * kanban, calendar, export, pickers, related lists, dashboards, duplicate checks, single
 * reads, edits, deletes) puts this condition in its query, so what a user may not see is
 * never read.
 *
 * Forms of apps with permission sets: administrators; whoever submitted the record and
 * whoever holds (or held) a task on it (reading only); and the rows each of the user's
 * grants with the action covers (own, department and below, all, or a JSON Logic filter).
 * Forms of apps without permission sets keep the rule they had before sets existed:
 * submitter, task holders and the heads of the submitter's department and above for
 * reading; the submitter for changing.
 */
export interface RecordScope {
  /** The condition, its parameters numbered from `first`. */
  sql(first: number): string;
  params: unknown[];
}

/** What a row filter reads as `$user`. */
export function userContext(g: UserGrants): Record<string, unknown> {
  return {
    id: g.user.id,
    username: g.user.username,
    departmentId: g.user.departmentId,
    departments: g.departmentTree,
    roles: g.user.roles,
  };
}

/**
 * Whether the user sees a live record whatever their grants: administrators, and
 * whoever submitted it (both are branches of every `view` scope below). Single-record
 * reads ask this first and build the scope only for the other records.
 */
export function alwaysSees(user: AuthUser, record: { createdBy: string }): boolean {
  return user.isAdmin || record.createdBy === user.id;
}

/** Record fields a row filter can read besides the data: `$record` and `$user`. */
export function filterContext(
  g: UserGrants,
  row: { id: string; data: JsonObject; created_by: string; created_at: Date | string },
): Record<string, unknown> {
  return {
    ...row.data,
    $record: {
      id: row.id,
      createdBy: row.created_by,
      createdAt: new Date(row.created_at).toISOString(),
    },
    $user: userContext(g),
  };
}

/** True when the filter keeps the row; a filter that fails to evaluate keeps nothing. */
export function filterKeeps(filter: unknown, context: Record<string, unknown>): boolean {
  try {
    return isTruthy(evaluate(filter, context));
  } catch {
    return false;
  }
}

type FilterGrant = HeldGrant & { rows: { filter: unknown } };
type FilterRow = { id: string; data: JsonObject; created_by: string; created_at: Date };

/** The user's JSON Logic grants, compiled to SQL where they can be (see row-filter.sql). */
interface FilterPlan {
  /** One condition per compiled grant, placeholders `$P<n>` into `params`. */
  compiled: string[];
  params: unknown[];
  /** Rows kept by JavaScript: grants that do not compile, and the rows a compiled one is not exact on. */
  ids: string[];
}

async function planFilters(
  m: EntityManager,
  g: UserGrants,
  grants: HeldGrant[],
  recordIds?: readonly string[],
): Promise<FilterPlan> {
  // Only these records are read by the caller: JavaScript decides no others.
  const only = recordIds ? [...recordIds] : null;
  const plan: FilterPlan = { compiled: [], params: [], ids: [] };
  const withFilter = grants.filter((x): x is FilterGrant => typeof x.rows === 'object');
  const kept = new Set<string>();
  const keep = (rows: FilterRow[], filter: unknown): void => {
    for (const row of rows) if (filterKeeps(filter, filterContext(g, row))) kept.add(row.id);
  };
  const user = userContext(g);
  for (const grant of withFilter) {
    const c = compileRowFilter(grant.rows.filter, user);
    if (!c.ok) {
      // Outside the compiled subset: every row of the form is evaluated in JavaScript.
      keep(
        await m.query(
          `SELECT id, data, created_by, created_at FROM records
            WHERE form_id = $1 AND deleted_at IS NULL
              AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
          [grant.formId, only],
        ),
        grant.rows.filter,
      );
      continue;
    }
    const base = plan.params.length;
    const shift = (sql: string): string =>
      sql.replace(/\$P(\d+)/g, (_, n: string) => `$P${base + 1 + Number(n)}`);
    plan.params.push(grant.formId, ...c.filter.params);
    const form = `r.form_id = $P${base}::uuid`;
    const pred = shift(c.filter.pred);
    if (c.filter.exact === null) {
      plan.compiled.push(`(${form} AND (${pred}))`);
      continue;
    }
    plan.compiled.push(`(${form} AND (${shift(c.filter.exact)}) AND (${pred}))`);
    // The few rows whose stored types the SQL is not exact on: decided in JavaScript.
    const notExact = bindUsed(c.filter.exact, c.filter.params, 3);
    const odd: FilterRow[] = await m.query(
      `SELECT r.id, r.data, r.created_by, r.created_at FROM records r
        WHERE r.form_id = $1::uuid AND r.deleted_at IS NULL
          AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[])) AND NOT (${notExact.sql})`,
      [grant.formId, only, ...notExact.params],
    );
    keep(odd, grant.rows.filter);
  }
  plan.ids = [...kept];
  return plan;
}

/**
 * The scope of `action` for the user whose grants these are. With `recordIds`, the
 * condition is only good for those records (the caller's query reads no others).
 */
export async function recordScope(
  m: EntityManager,
  g: UserGrants,
  action: FormAction,
  recordIds?: readonly string[],
): Promise<RecordScope> {
  const all: string[] = [];
  const own: string[] = [];
  const dept: string[] = [];
  const held: HeldGrant[] = [];
  for (const formId of g.byForm.keys()) {
    for (const grant of grantsFor(g, formId, action)) {
      held.push(grant);
      if (grant.rows === 'all') all.push(formId);
      else if (grant.rows === 'own') own.push(formId);
      else if (grant.rows === 'department') dept.push(formId);
    }
  }
  const filters = g.user.isAdmin
    ? { compiled: [], params: [], ids: [] }
    : await planFilters(m, g, held, recordIds);
  const reading = action === 'view' || action === 'export';
  const params: unknown[] = [
    g.user.id,
    g.user.isAdmin,
    [...g.governed],
    [...new Set(all)],
    [...new Set(own)],
    [...new Set(dept)],
    g.departmentTree,
    filters.ids,
    ...filters.params,
  ];
  return {
    params,
    sql(first: number): string {
      const [u, admin, governed, allForms, ownForms, deptForms, tree, ids] = params
        .slice(0, 8)
        .map((_, i) => `$${first + i}`);
      const isOwn = `(r.created_by = ${u}::uuid OR r.data ->> 'owner' = (${u}::uuid)::text)`;
      const taskHolder = `EXISTS (SELECT 1 FROM tasks vt WHERE vt.record_id = r.id AND vt.assignee_id = ${u}::uuid)`;
      const legacy = reading
        ? `(r.created_by = ${u}::uuid OR ${taskHolder} OR EXISTS (
            WITH RECURSIVE led AS (
              SELECT d.id FROM departments d WHERE d.head_user_id = ${u}::uuid
              UNION
              SELECT c.id FROM departments c JOIN led ON c.parent_id = led.id
            )
            SELECT 1 FROM users cu JOIN led ON led.id = cu.department_id WHERE cu.id = r.created_by
          ))`
        : `r.created_by = ${u}::uuid`;
      const inTree = `(r.data ->> 'department' = ANY((${tree}::uuid[])::text[]) OR EXISTS (
            SELECT 1 FROM users ou WHERE ou.department_id = ANY(${tree}::uuid[])
              AND (ou.id = r.created_by OR ou.id::text = r.data ->> 'owner')))`;
      const granted = [
        ...(action === 'view' ? [`r.created_by = ${u}::uuid`, taskHolder] : []),
        `r.form_id = ANY(${allForms}::uuid[])`,
        `(r.form_id = ANY(${ownForms}::uuid[]) AND ${isOwn})`,
        `(r.form_id = ANY(${deptForms}::uuid[]) AND ${inTree})`,
        `r.id = ANY(${ids}::uuid[])`,
        ...filters.compiled.map((c) => numberPlaceholders(c, first + 8)),
      ];
      return `r.deleted_at IS NULL AND (${admin}::boolean
        OR (r.form_id <> ALL(${governed}::uuid[]) AND ${legacy})
        OR (r.form_id = ANY(${governed}::uuid[]) AND (${granted.join(' OR ')})))`;
    },
  };
}
