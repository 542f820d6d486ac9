import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GenerationCache } from '../../common/cache/cache-generations';
import type { AppForm } from './automation-definition.check';
import type { AutomationRow, TriggerKind } from './automation.types';

/** Reads of automations and of the app forms they name, in the caller's transaction. */
@Injectable()
export class AutomationRepository {
  /** Enabled automations per form, kept until any automation changes (in any process). */
  private readonly enabledByForm = new GenerationCache<AutomationRow[]>('automations', 2_000);

  async byId(m: EntityManager, id: string, lock = false): Promise<AutomationRow | null> {
    const rows: AutomationRow[] = await m.query(
      `SELECT * FROM automations WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async ofApp(m: EntityManager, appId: string): Promise<AutomationRow[]> {
    return m.query('SELECT * FROM automations WHERE app_id = $1 ORDER BY created_at, key', [appId]);
  }

  /** Enabled automations of one form with one of these trigger kinds. */
  async triggeredBy(
    m: EntityManager,
    formId: string,
    kinds: TriggerKind[],
  ): Promise<AutomationRow[]> {
    const rows = await this.enabledByForm.get(m, formId, (): Promise<AutomationRow[]> =>
      m.query('SELECT * FROM automations WHERE form_id = $1 AND enabled ORDER BY created_at, key', [
        formId,
      ]),
    );
    return rows.filter((a) => kinds.includes(a.trigger_kind));
  }

  /** The published forms of an app, by key. */
  async appForms(m: EntityManager, appId: string): Promise<Map<string, AppForm>> {
    const rows: AppForm[] = await m.query(
      `SELECT f.id, f.key, v.definition, v.flow FROM forms f
         JOIN form_versions v ON v.form_id = f.id AND v.version = f.published_version
        WHERE f.app_id = $1 AND f.published_version > 0`,
      [appId],
    );
    return new Map(rows.map((r) => [r.key, r]));
  }

  /** A form of the app to anchor writes on (the triggering form, else any form). */
  async anchorForm(m: EntityManager, a: AutomationRow): Promise<string | null> {
    if (a.form_id) return a.form_id;
    const rows: { id: string }[] = await m.query(
      'SELECT id FROM forms WHERE app_id = $1 ORDER BY position LIMIT 1',
      [a.app_id],
    );
    return rows[0]?.id ?? null;
  }
}
