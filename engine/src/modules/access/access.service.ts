import { Injectable } from '@nestjs/common';
import type { FormDefinition, JsonObject } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { BuilderAbility, FormAction } from '../../common/policy/route-policy';
import type { FieldAccess } from './permission-set.types';
import { recordScope, type RecordScope } from './record-scope';
import { fieldAccessOf, grantsFor, loadUserGrants, type UserGrants } from './user-grants';
import { notWritable, refusedFields } from './write-check';

/** The answer to "may this user do that": yes, no (403), or "nothing there for you" (404). */
export type AccessAnswer = 'allowed' | 'forbidden' | 'not_found';

/**
 * The one place that answers who may do what with forms and records: the policy guard
 * asks it before a route runs, and every service that reads or writes records asks it
 * for the row scope (an SQL condition), the field access (hidden / read-only) and the
 * fields a write may not set. Permission sets per app decide for apps that have them.
 */
@Injectable()
export class AccessService {
  /**
   * Grants by the request's user object: the guard makes one per request, so a request
   * reads the user's permission sets once however many checks it makes.
   */
  private readonly perRequest = new WeakMap<AuthUser, Promise<UserGrants>>();

  constructor(private readonly db: DataSource) {}

  /** What the user's permission sets grant them. */
  grants(user: AuthUser, m: EntityManager = this.db.manager): Promise<UserGrants> {
    const known = this.perRequest.get(user);
    if (known) return known;
    const loading = loadUserGrants(m, user);
    this.perRequest.set(user, loading);
    loading.catch(() => this.perRequest.delete(user));
    return loading;
  }

  /**
   * The records the user may see (`view`) or act on (other actions), as one SQL condition.
   * `recordIds`: the caller reads only these records (the condition then holds for them
   * alone, and row filters are evaluated on them rather than on the whole form).
   */
  async scope(
    user: AuthUser,
    action: FormAction = 'view',
    m: EntityManager = this.db.manager,
    recordIds?: readonly string[],
  ): Promise<RecordScope> {
    return recordScope(m, await this.grants(user, m), action, recordIds);
  }

  /** A record the user may see; 403 when visible but the action is not theirs on it. */
  async record(
    user: AuthUser,
    recordId: string,
    action: FormAction,
    m: EntityManager = this.db.manager,
  ): Promise<AccessAnswer> {
    const g = await this.grants(user, m);
    const visible = await recordScope(m, g, 'view', [recordId]);
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM records r WHERE r.id = $1 AND ${visible.sql(2)}`,
      [recordId, ...visible.params],
    );
    if (rows.length === 0) return 'not_found';
    if (action === 'view') return 'allowed';
    const acting = await recordScope(m, g, action, [recordId]);
    const allowed: unknown[] = await m.query(
      `SELECT 1 FROM records r WHERE r.id = $1 AND ${acting.sql(2)}`,
      [recordId, ...acting.params],
    );
    return allowed.length > 0 ? 'allowed' : 'forbidden';
  }

  /** A task its holder (or an admin) may act on; others who see the record learn it exists. */
  async task(user: AuthUser, taskId: string): Promise<AccessAnswer> {
    const rows: { assignee_id: string; record_id: string }[] = await this.db.query(
      'SELECT assignee_id, record_id FROM tasks WHERE id = $1',
      [taskId],
    );
    const task = rows[0];
    if (!task) return 'not_found';
    if (user.isAdmin || task.assignee_id === user.id) return 'allowed';
    return (await this.record(user, task.record_id, 'view')) === 'allowed'
      ? 'forbidden'
      : 'not_found';
  }

  /**
   * A form action. Forms of apps without permission sets: every signed-in user. With
   * sets: the action must be in one of the user's grants on the form; reading the form
   * (`view`) needs any grant on it (someone who may only add still reads the form).
   */
  async form(user: AuthUser, formId: string, action: FormAction): Promise<AccessAnswer> {
    if (user.isAdmin) return 'allowed';
    const g = await this.grants(user);
    if (!g.governed.has(formId)) return 'allowed';
    const held = action === 'view' ? (g.byForm.get(formId) ?? []) : grantsFor(g, formId, action);
    return held.length > 0 ? 'allowed' : 'forbidden';
  }

  /** Fields of the form the user may only read or not see at all (others: editable). */
  async fields(
    user: AuthUser,
    formId: string,
    m: EntityManager = this.db.manager,
  ): Promise<Map<string, FieldAccess>> {
    if (user.isAdmin) return new Map();
    return fieldAccessOf(await this.grants(user, m), formId);
  }

  /** The fields the user may not see, by form (for stripping them from answers). */
  async hiddenFields(
    user: AuthUser,
    formIds: string[],
    m: EntityManager = this.db.manager,
  ): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (user.isAdmin) return out;
    const g = await this.grants(user, m);
    for (const formId of new Set(formIds)) {
      const hidden = new Set<string>();
      for (const [field, access] of fieldAccessOf(g, formId))
        if (access === 'hidden') hidden.add(field);
      out.set(formId, hidden);
    }
    return out;
  }

  /**
   * S7: refuses (403 field_not_writable, before anything is stored) a submission or an
   * edit that sets system keys, or changes fields read-only or hidden for the user.
   */
  async assertWritable(
    user: AuthUser,
    formId: string,
    form: FormDefinition,
    input: JsonObject,
    stored: JsonObject | null,
    m: EntityManager = this.db.manager,
  ): Promise<void> {
    const refused = refusedFields(form, await this.fields(user, formId, m), input, stored);
    if (refused.length > 0) throw notWritable(refused);
  }

  /** Building and publishing is for administrators. */
  builder(user: AuthUser, _appId: string | null, _ability: BuilderAbility): Promise<AccessAnswer> {
    return Promise.resolve(user.isAdmin ? 'allowed' : 'forbidden');
  }
}
