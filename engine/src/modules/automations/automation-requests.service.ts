import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { I18nText, JsonObject } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest, conflict, notFound } from '../../common/errors/app-error';
import { AccessService } from '../access/access.service';
import { refusalError } from './automation-refusal';
import { AutomationRunner } from './automation-runner.service';
import { AutomationRepository } from './automation.repository';
import { AutomationRunStore, RUN_COLUMNS, toRunView, type RunRow } from './automation-run.store';
import { AutomationTriggers } from './automation-triggers.service';
import type { AutomationRunView, RunStatus } from './automation.types';
import { verifyWebhookSignature } from './webhook-signature';

/** A button of a form's record page: a manual automation. */
export interface AutomationButton {
  id: string;
  key: string;
  name: I18nText;
}

export interface RunFilter {
  automationId?: string;
  status?: RunStatus;
  recordId?: string;
  limit: number;
}

/** What a person (or a sender) asks of automations: manual runs, inbound webhooks, the log. */
@Injectable()
export class AutomationRequests {
  constructor(
    private readonly db: DataSource,
    private readonly automations: AutomationRepository,
    private readonly runs: AutomationRunStore,
    private readonly triggers: AutomationTriggers,
    private readonly access: AccessService,
    private readonly runner: AutomationRunner,
  ) {}

  /** The buttons of a form: its enabled manual automations (any signed-in user may press). */
  async buttons(formId: string): Promise<AutomationButton[]> {
    const form: unknown[] = await this.db.query('SELECT 1 FROM forms WHERE id = $1', [formId]);
    if (form.length === 0) throw notFound('The form');
    const rows: { id: string; key: string; name: I18nText }[] = await this.db.query(
      `SELECT id, key, name FROM automations
        WHERE form_id = $1 AND enabled AND trigger->>'kind' = 'manual' ORDER BY key`,
      [formId],
    );
    return rows.map((r) => ({ id: r.id, key: r.key, name: r.name }));
  }

  /**
   * A button pressed on one record, run at once in the request: the answer is the run.
   * A run whose flow ends at a refusing end node changes nothing and answers with the
   * refusal's code and message (409); a run the condition leaves out answers 409
   * `automation_not_applicable`.
   */
  async press(automationId: string, recordId: string, user: AuthUser): Promise<AutomationRunView> {
    return this.db.transaction(async (m) => {
      const [fired] = await this.fireOnRecords(m, automationId, [recordId], user);
      const runId = fired?.runId;
      if (!runId)
        throw conflict(
          'automation_not_applicable',
          'This button does not apply to the record as it is now.',
        );
      const outcome = await this.runner.runNow(m, runId);
      if (outcome?.refusal) throw refusalError(outcome.refusal);
      const row = await this.runs.byId(m, runId);
      if (!row) throw notFound('The run');
      return toRunView(row);
    });
  }

  /**
   * The manual button on one or many records: every record must be one the user may see,
   * of the automation's form; one run per record (its condition applies).
   */
  async runManually(
    automationId: string,
    recordIds: string[],
    user: AuthUser,
  ): Promise<{ runs: { recordId: string; runId: string | null }[] }> {
    return this.db.transaction(async (m) => ({
      runs: await this.fireOnRecords(m, automationId, recordIds, user),
    }));
  }

  /** Checks the records and fires one run per record, in the caller's transaction. */
  private async fireOnRecords(
    m: EntityManager,
    automationId: string,
    recordIds: string[],
    user: AuthUser,
  ): Promise<{ recordId: string; runId: string | null }[]> {
    const a = await this.automations.byId(m, automationId);
    if (!a || a.trigger.kind !== 'manual') throw notFound('The automation');
    if (!a.enabled) throw conflict('automation_disabled', 'The automation is disabled.');
    const visible = await this.access.scope(user, 'view', m);
    const rows: { id: string; data: JsonObject }[] = await m.query(
      `SELECT r.id, r.data FROM records r
        WHERE r.id = ANY($1::uuid[]) AND r.form_id = $2 AND r.deleted_at IS NULL AND ${visible.sql(3)}`,
      [recordIds, a.form_id, ...visible.params],
    );
    const byId = new Map(rows.map((r) => [r.id, r.data]));
    const missing = recordIds.filter((id) => !byId.has(id.toLowerCase()));
    if (missing.length > 0)
      throw new AppError(404, 'not_found', 'Some records were not found.', [
        {
          instancePath: '/recordIds',
          keyword: 'not_found',
          message: 'not found',
          params: { missing },
        },
      ]);
    const request = randomUUID();
    const runs: { recordId: string; runId: string | null }[] = [];
    for (const id of recordIds.map((r) => r.toLowerCase())) {
      const data = byId.get(id)!;
      const runId = await this.triggers.fire(
        m,
        a,
        {
          eventKey: `manual:${request}:${id}`,
          trigger: { kind: 'manual', recordId: id, userId: user.id },
          recordId: id,
          input: data,
          depth: 0,
          requestedBy: user.id,
        },
        data,
      );
      runs.push({ recordId: id, runId });
    }
    await m.getRepository(AuditLogEntity).insert({
      actorId: user.id,
      action: 'automation.run',
      entityType: 'automation',
      entityId: a.id,
      before: null,
      after: { recordIds, runs: runs.map((r) => r.runId) },
    });
    return runs;
  }

  /**
   * An inbound webhook: signed with the automation's secret over the raw body, within the
   * time window, and never seen before (the signature is the event key). Nothing runs
   * otherwise.
   */
  async receiveWebhook(
    automationId: string,
    headers: { timestamp: string | undefined; signature: string | undefined },
    rawBody: string,
    body: unknown,
  ): Promise<{ runId: string }> {
    const a = await this.automations.byId(this.db.manager, automationId);
    if (!a || a.trigger.kind !== 'webhook' || !a.enabled || !a.webhook_secret)
      throw notFound('The webhook');
    const check = verifyWebhookSignature({
      secret: a.webhook_secret,
      ...headers,
      rawBody,
      nowMs: Date.now(),
    });
    if (!check.ok) throw new AppError(401, check.code, check.message);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('invalid_body', 'The webhook body must be a JSON object.');
    const input = body as JsonObject;
    const eventKey = `webhook:${createHash('sha256')
      .update(headers.signature ?? '')
      .digest('hex')}`;
    return this.db.transaction(async (m) => {
      const runId = await this.runs.enqueue(m, {
        automation: { id: a.id, key: a.key },
        eventKey,
        trigger: { kind: 'webhook', timestamp: headers.timestamp ?? null },
        recordId: null,
        input,
        depth: 0,
      });
      if (runId === null)
        throw conflict(
          'webhook_replayed',
          'This signed request was received before; it runs once.',
        );
      await m.getRepository(AuditLogEntity).insert({
        actorId: null,
        action: 'automation.webhook',
        entityType: 'automation',
        entityId: a.id,
        before: null,
        after: { runId },
      });
      return { runId };
    });
  }

  async listRuns(filter: RunFilter): Promise<AutomationRunView[]> {
    const rows: RunRow[] = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM automation_runs r JOIN automations a ON a.id = r.automation_id
        WHERE ($1::uuid IS NULL OR r.automation_id = $1) AND ($2::text IS NULL OR r.status = $2)
          AND ($3::uuid IS NULL OR r.record_id = $3)
        ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
      [filter.automationId ?? null, filter.status ?? null, filter.recordId ?? null, filter.limit],
    );
    return rows.map(toRunView);
  }

  async run(id: string): Promise<AutomationRunView> {
    const row = await this.runs.byId(this.db.manager, id);
    if (!row) throw notFound('The run');
    return toRunView(row);
  }

  /** A new run with the same input, started by an admin (depth 0: a person asked for it). */
  async rerun(id: string, user: AuthUser): Promise<AutomationRunView> {
    return this.db.transaction(async (m) => {
      const original = await this.runs.byId(m, id);
      if (!original) throw notFound('The run');
      const runId = await this.runs.enqueue(m, {
        automation: { id: original.automation_id, key: original.automation_key },
        eventKey: `rerun:${randomUUID()}`,
        trigger: { kind: 'rerun', of: original.id, original: original.trigger },
        recordId: original.record_id,
        input: original.input,
        depth: 0,
        rerunOf: original.id,
        requestedBy: user.id,
      });
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'automation_run.rerun',
        entityType: 'automation_run',
        entityId: original.id,
        before: null,
        after: { runId },
      });
      const created = await this.runs.byId(m, runId!);
      return toRunView(created!);
    });
  }
}
