import { Injectable } from '@nestjs/common';
import { prepareForm, type I18nText, type JsonObject, type JsonValue } from '@liuyun/definitions';
import { compileRule, isTruthy } from '@liuyun/logic';
import type { Effect } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { FormVersionCache } from '../apps/form-version.cache';
import { JobQueue } from '../jobs/job-queue.service';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.service';
import { RecordWriter, type WriteOrigin } from '../processes/record-writer.service';
import { RecordChangeBus } from '../records/record-change.bus';
import { writeRecordEvent } from '../records/record-event.writer';
import type { AppForm } from './automation-definition.check';
import type { RunRow } from './automation-run.store';
import { raiseIncident } from './automation-run.store';
import type { AutomationRow, DeleteRecordSettings, EffectSummary } from './automation.types';
import { RecordDeletion } from './record-deletion.service';

/** A run failure with a stable code; the run is logged as failed with it. */
export class RunFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What applying a run's effects needs to know. */
export interface RunContext {
  automation: AutomationRow;
  run: RunRow;
  origin: WriteOrigin;
  forms: ReadonlyMap<string, AppForm>;
  deletes: ReadonlyMap<string, DeleteRecordSettings>;
  /** Steps computed before the flow (queries, round-robin picks): their effects are dropped. */
  preFlowSteps: ReadonlySet<string>;
  /** create_record (create mode) node id → the id its record gets (`$created.<node>`), used once. */
  createdIds: Map<string, string>;
  nodeName(nodeId: string): I18nText;
}

/** Most records one delete step looks through. */
const DELETE_SCAN_LIMIT = 5_000;

/**
 * Applies the effects of an automation's flow like the process runner applies a step's:
 * record writes through the RecordWriter (publishing changes one level deeper), the
 * triggering record's update, notifications through the dispatcher and webhooks through
 * the outbox, each with an idempotency key derived from the run.
 */
@Injectable()
export class AutomationEffects {
  constructor(
    private readonly writer: RecordWriter,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationDispatcher,
    private readonly deletion: RecordDeletion,
    private readonly forms: FormVersionCache,
    private readonly changes: RecordChangeBus,
  ) {}

  async apply(m: EntityManager, ctx: RunContext, effect: Effect): Promise<EffectSummary | null> {
    const key = (k: string) => `automation:${ctx.run.id}:${k}`;
    switch (effect.type) {
      case 'upsertRecords': {
        const deletion = ctx.deletes.get(effect.nodeId);
        if (deletion) return this.delete(m, ctx, deletion, effect.match);
        const presetId = effect.mode === 'create' ? ctx.createdIds.get(effect.nodeId) : undefined;
        ctx.createdIds.delete(effect.nodeId);
        const ids = await this.writer.upsert(m, ctx.origin, effect, presetId);
        return { type: effect.mode, nodeId: effect.nodeId, form: effect.form, recordIds: ids };
      }
      case 'updateRecord': {
        if (ctx.preFlowSteps.has(effect.nodeId)) return null;
        await this.updateTriggeringRecord(m, ctx, effect.patch);
        return {
          type: 'update_record',
          nodeId: effect.nodeId,
          recordId: ctx.run.record_id,
          fields: Object.keys(effect.patch),
        };
      }
      case 'notify':
        await this.notifications.dispatch(m, {
          key: key(effect.idempotencyKey),
          instanceId: null,
          recordId: ctx.run.record_id,
          nodeId: effect.nodeId,
          nodeName: ctx.nodeName(effect.nodeId),
          recipients: effect.recipients,
          message: effect.message,
          ...(effect.channels ? { channels: effect.channels } : {}),
          reason: 'automation',
        });
        return { type: 'notify', nodeId: effect.nodeId, recipients: effect.recipients };
      case 'callWebhook':
        await this.jobs.enqueue(m, {
          kind: 'webhook',
          key: key(effect.idempotencyKey),
          payload: {
            url: effect.url,
            method: effect.method,
            headers: effect.headers,
            body: effect.body,
            nodeId: effect.nodeId,
          },
        });
        return {
          type: 'webhook',
          nodeId: effect.nodeId,
          url: effect.url,
          idempotencyKey: key(effect.idempotencyKey),
        };
      case 'incident':
        await raiseIncident(
          m,
          effect.code,
          `automation "${ctx.automation.key}": ${effect.message}`,
          ctx.run.record_id,
        );
        return { type: 'incident', code: effect.code, nodeId: effect.nodeId ?? null };
      case 'instanceEnded':
        return { type: 'ended', outcome: effect.outcome };
      default:
        // Tasks, timers and sub-processes cannot occur: their nodes are refused at publish.
        throw new RunFailure('effect_not_supported', `an automation cannot ${effect.type}`);
    }
  }

  /** `update_record`: the triggering record, checked by its form like any edit. */
  private async updateTriggeringRecord(
    m: EntityManager,
    ctx: RunContext,
    patch: Record<string, JsonValue>,
  ): Promise<void> {
    const recordId = ctx.run.record_id;
    if (!recordId) throw new RunFailure('no_record', 'this run has no record to update');
    const rows: { form_id: string; data: JsonObject; published_version: number }[] = await m.query(
      `SELECT r.form_id, r.data, f.published_version FROM records r JOIN forms f ON f.id = r.form_id
        WHERE r.id = $1 AND r.deleted_at IS NULL FOR UPDATE OF r`,
      [recordId],
    );
    const row = rows[0];
    if (!row) throw new RunFailure('record_deleted', 'the record to update was deleted');
    const version = await this.forms.get(row.form_id, row.published_version, m);
    const result = prepareForm(version.definition).evaluate(
      { ...row.data, ...patch },
      { allowReadonly: true },
    );
    if (result.errors.length > 0)
      throw new RunFailure(
        'automation_record_invalid',
        `the update makes a record its form refuses: ${JSON.stringify(result.errors.slice(0, 3))}`,
      );
    await m.query(
      'UPDATE records SET data = $2, version = version + 1, updated_at = now() WHERE id = $1',
      [recordId, JSON.stringify(result.data)],
    );
    await writeRecordEvent(m, {
      recordId,
      type: 'record_updated',
      details: { ...ctx.origin.details, patch },
    });
    await this.changes.publish(m, {
      type: 'updated',
      formId: row.form_id,
      recordId,
      before: row.data,
      after: result.data,
      actorId: null,
      depth: ctx.origin.depth,
    });
  }

  /** `delete_record`: the triggering record, or the target form's records matching. */
  private async delete(
    m: EntityManager,
    ctx: RunContext,
    settings: DeleteRecordSettings,
    match: JsonValue | undefined,
  ): Promise<EffectSummary> {
    const details = ctx.origin.details;
    const deleted: string[] = [];
    if (settings.form === undefined) {
      const recordId = ctx.run.record_id;
      if (!recordId) throw new RunFailure('no_record', 'this run has no record to delete');
      if (await this.deletion.softDelete(m, recordId, null, ctx.origin.depth, details))
        deleted.push(recordId);
      return { type: 'delete', recordIds: deleted };
    }
    const form = ctx.forms.get(settings.form);
    if (!form) throw new RunFailure('unknown_form', `the app has no form "${settings.form}"`);
    const rows: { id: string; data: JsonObject }[] = await m.query(
      'SELECT id, data FROM records WHERE form_id = $1 AND deleted_at IS NULL ORDER BY created_at LIMIT $2',
      [form.id, DELETE_SCAN_LIMIT],
    );
    const test = compileRule(match ?? false);
    for (const r of rows) {
      if (!isTruthy(test(r.data))) continue;
      if (await this.deletion.softDelete(m, r.id, null, ctx.origin.depth, details))
        deleted.push(r.id);
    }
    return { type: 'delete', form: settings.form, recordIds: deleted };
  }
}
