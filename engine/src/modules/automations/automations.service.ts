import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { AppEntity } from '../apps/app.entity';
import {
  checkAutomation,
  triggerFormKey,
  type AutomationDefinitionError,
} from './automation-definition.check';
import { findAutomationLoops, type LoopCandidate } from './automation-loop.check';
import { AutomationRepository } from './automation.repository';
import { AutomationSchedule } from './automation-schedule.service';
import type { AutomationInput, AutomationRow, AutomationView } from './automation.types';

const invalid = (errors: AutomationDefinitionError[]): AppError =>
  new AppError(422, 'definition_invalid', 'The automation has errors; nothing was saved.', errors);

/**
 * Automations of an app: saved only when their trigger and flow check out against the
 * app's published forms and no loop forms among the app's enabled automations.
 */
@Injectable()
export class AutomationsService {
  constructor(
    private readonly db: DataSource,
    private readonly automations: AutomationRepository,
    private readonly schedule: AutomationSchedule,
  ) {}

  private async app(m: EntityManager, key: string): Promise<AppEntity> {
    const app = await m.getRepository(AppEntity).findOneBy({ key });
    if (!app) throw notFound('The app');
    return app;
  }

  async view(m: EntityManager, a: AutomationRow): Promise<AutomationView> {
    const app = await m.getRepository(AppEntity).findOneByOrFail({ id: a.app_id });
    const view: AutomationView = {
      id: a.id,
      appKey: app.key,
      key: a.key,
      name: a.name,
      enabled: a.enabled,
      trigger: a.trigger,
      flow: a.flow,
      revision: a.revision,
      createdAt: a.created_at.toISOString(),
      updatedAt: a.updated_at.toISOString(),
    };
    if (a.trigger.kind === 'webhook' && a.webhook_secret)
      view.webhook = { url: `/api/hooks/${a.id}`, secret: a.webhook_secret };
    if (a.trigger.kind === 'schedule') view.nextRunAt = await this.schedule.nextRunAt(m, a.id);
    return view;
  }

  async list(appKey: string): Promise<AutomationView[]> {
    const m = this.db.manager;
    const app = await this.app(m, appKey);
    const rows = await this.automations.ofApp(m, app.id);
    return Promise.all(rows.map((r) => this.view(m, r)));
  }

  async one(id: string): Promise<AutomationView> {
    const row = await this.automations.byId(this.db.manager, id);
    if (!row) throw notFound('The automation');
    return this.view(this.db.manager, row);
  }

  /** Checks the definition, then loops among the app's other enabled automations. */
  private async check(
    m: EntityManager,
    appId: string,
    input: AutomationInput & { enabled: boolean },
    replacing: string | null,
  ): Promise<string | null> {
    const forms = await this.automations.appForms(m, appId);
    const errors = checkAutomation(input, forms);
    if (errors.length > 0) throw invalid(errors);
    if (input.enabled) {
      const others: LoopCandidate[] = (await this.automations.ofApp(m, appId)).filter(
        (a) => a.enabled && a.id !== replacing,
      );
      // Searching from the new automation names its cycles from it.
      const loops = findAutomationLoops([input, ...others]).filter((e) =>
        e.cycle?.includes(input.key),
      );
      if (loops.length > 0) throw invalid(loops);
    }
    const formKey = triggerFormKey(input.trigger);
    return formKey === null ? null : (forms.get(formKey)?.id ?? null);
  }

  async create(appKey: string, body: AutomationInput, user: AuthUser): Promise<AutomationView> {
    return this.db.transaction(async (m) => {
      const row = await this.createIn(m, appKey, body, user.id);
      await this.audit(m, user, 'automation.create', row.id, null, {
        ...body,
        enabled: row.enabled,
      });
      return this.view(m, row);
    });
  }

  /**
   * Checks and saves one automation inside the caller's transaction (the API, and template
   * installs, which save a template's automations with its app). No audit row here.
   */
  async createIn(
    m: EntityManager,
    appKey: string,
    body: AutomationInput,
    actorId: string,
  ): Promise<AutomationRow> {
    const input = { ...body, enabled: body.enabled ?? true };
    {
      const app = await this.app(m, appKey);
      // One app's automations are checked and saved one at a time (a loop needs two saves).
      await m.query('SELECT id FROM apps WHERE id = $1 FOR UPDATE', [app.id]);
      const formId = await this.check(m, app.id, input, null);
      const id = randomUUID();
      const inserted: unknown[] = await m.query(
        `INSERT INTO automations (id, app_id, key, name, enabled, trigger_kind, form_id, trigger, flow,
                                  webhook_secret, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (app_id, key) DO NOTHING RETURNING id`,
        [
          id,
          app.id,
          input.key,
          JSON.stringify(input.name),
          input.enabled,
          input.trigger.kind,
          formId,
          JSON.stringify(input.trigger),
          JSON.stringify(input.flow),
          input.trigger.kind === 'webhook' ? randomBytes(32).toString('hex') : null,
          actorId,
        ],
      );
      if (inserted.length === 0)
        throw conflict('already_exists', `The app already has an automation "${input.key}".`);
      const row = (await this.automations.byId(m, id))!;
      await this.schedule.plan(m, row, new Date());
      return row;
    }
  }

  async update(
    id: string,
    body: Omit<AutomationInput, 'key'> & { key?: string },
    user: AuthUser,
  ): Promise<AutomationView> {
    return this.db.transaction(async (m) => {
      const current = await this.automations.byId(m, id);
      if (!current) throw notFound('The automation');
      const { row, input } = await this.updateIn(m, current, body);
      await this.audit(m, user, 'automation.update', id, current, input);
      return this.view(m, row);
    });
  }

  /** Checks and saves a new definition of an automation in the caller's transaction (no audit row). */
  async updateIn(
    m: EntityManager,
    current: AutomationRow,
    body: Omit<AutomationInput, 'key'> & { key?: string },
  ): Promise<{ row: AutomationRow; input: AutomationInput & { enabled: boolean } }> {
    const id = current.id;
    await m.query('SELECT id FROM apps WHERE id = $1 FOR UPDATE', [current.app_id]);
    if (body.key !== undefined && body.key !== current.key)
      throw new AppError(422, 'definition_invalid', `The key must stay "${current.key}".`);
    const input = { ...body, key: current.key, enabled: body.enabled ?? current.enabled };
    const formId = await this.check(m, current.app_id, input, id);
    const secret =
      input.trigger.kind !== 'webhook'
        ? null
        : (current.webhook_secret ?? randomBytes(32).toString('hex'));
    await m.query(
      `UPDATE automations SET name = $2, enabled = $3, trigger_kind = $4, form_id = $5, trigger = $6, flow = $7,
              webhook_secret = $8, revision = revision + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        JSON.stringify(input.name),
        input.enabled,
        input.trigger.kind,
        formId,
        JSON.stringify(input.trigger),
        JSON.stringify(input.flow),
        secret,
      ],
    );
    const row = (await this.automations.byId(m, id))!;
    await this.schedule.cancel(m, id);
    await this.schedule.plan(m, row, new Date());
    return { row, input };
  }

  /** Deletes an automation in the caller's transaction (no audit row). */
  async removeIn(m: EntityManager, id: string): Promise<void> {
    await this.schedule.cancel(m, id);
    await m.query('DELETE FROM automations WHERE id = $1', [id]);
  }

  async remove(id: string, user: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      const current = await this.automations.byId(m, id, true);
      if (!current) throw notFound('The automation');
      await this.removeIn(m, id);
      await this.audit(m, user, 'automation.delete', id, current, null);
    });
  }

  private async audit(
    m: EntityManager,
    user: AuthUser,
    action: string,
    id: string,
    before: AutomationRow | null,
    after: AutomationInput | null,
  ): Promise<void> {
    const shape = (a: AutomationRow | AutomationInput | null) =>
      a && {
        key: a.key,
        name: a.name,
        enabled: a.enabled ?? true,
        trigger: a.trigger,
        flow: a.flow,
      };
    await m.getRepository(AuditLogEntity).insert({
      actorId: user.id,
      action,
      entityType: 'automation',
      entityId: id,
      before: shape(before),
      after: shape(after),
    });
  }
}
