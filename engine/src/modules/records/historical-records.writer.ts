import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  prepareForm,
  type FlowDefinition,
  type FormDefinition,
  type JsonObject,
  type TemplateSampleRecord,
} from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import { AppError } from '../../common/errors/app-error';
import { SerialNumbers } from '../fields/serial-numbers.service';
import { keyedFields } from './record-key.normalize';
import { RecordKeys } from './record-keys.service';

interface FormRow {
  id: string;
  key: string;
  version: number;
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

const CHUNK = 500;

/**
 * Records of the past (a template's historical samples): stored directly as data in the
 * caller's transaction, with their own creation times. Each is checked against its form as
 * a submission would be (computed values recomputed, read-only values kept), gets its
 * serial numbers in creation order and the values its linked records copy into it; its
 * finished approvals, if given, are stored as a completed process with completed tasks.
 * No flow starts and no automation fires: the data already holds what they would have
 * written. Bad data stores nothing (the caller's transaction rolls back).
 */
@Injectable()
export class HistoricalRecordsWriter {
  constructor(
    private readonly serials: SerialNumbers,
    private readonly keys: RecordKeys,
  ) {}

  async write(
    m: EntityManager,
    appId: string,
    samples: TemplateSampleRecord[],
    userIds: Map<string, string>,
    actorId: string | null,
  ): Promise<number> {
    const forms = await this.formsOf(m, appId);
    const ordered = [...samples].sort((a, b) =>
      String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')),
    );
    const stored = new Map<string, JsonObject>();
    const records: unknown[] = [];
    const events: unknown[] = [];
    const instances: unknown[] = [];
    const tasks: unknown[] = [];
    const keyed: { formId: string; id: string; data: JsonObject }[] = [];
    for (const [index, sample] of ordered.entries()) {
      const form = forms.get(sample.form);
      if (!form) throw this.bad(index, sample, `the app has no form "${sample.form}"`);
      const userId = userIds.get(sample.submittedBy);
      if (!userId) throw this.bad(index, sample, `there is no user "${sample.submittedBy}"`);
      const createdAt = new Date(sample.createdAt ?? Date.now());
      if (Number.isNaN(createdAt.getTime()))
        throw this.bad(index, sample, 'createdAt is not a date-time');
      const id = sample.id ?? randomUUID();
      let data = this.withLinkCopies(form.definition, sample.data, stored);
      data = await this.serials.assign(m, form.id, form.definition, data, createdAt, 480);
      const result = prepareForm(form.definition).evaluate(data, {
        allowReadonly: true,
        now: createdAt.toISOString(),
      });
      if (result.errors.length > 0)
        throw new AppError(
          422,
          'validation_failed',
          `Sample ${index + 1} (${sample.form}) is not valid.`,
          result.errors,
        );
      stored.set(id, result.data);
      const at = createdAt.toISOString();
      records.push({
        id,
        form_id: form.id,
        form_version: form.version,
        data: result.data,
        created_by: userId,
        at,
      });
      events.push({
        id: randomUUID(),
        record_id: id,
        type: 'record_submitted',
        actor_id: userId,
        at,
      });
      // Duplicate-check keys only for forms that keep them.
      if (keyedFields(form.definition).length > 0)
        keyed.push({ formId: form.id, id, data: result.data });
      if (sample.history) {
        const instanceId = randomUUID();
        const flow = form.flow;
        const history = sample.history;
        const path = [
          { nodeId: 'start', at },
          ...history.tasks.map((t) => ({ nodeId: t.nodeId, at: t.createdAt, result: t.action })),
        ];
        const state = {
          status: 'completed',
          outcome: history.outcome,
          submitterId: userId,
          record: result.data,
          tokens: [],
          approvals: [],
          joins: {},
          timers: [],
          returns: [],
          acted: history.tasks.length > 0,
          path,
          seq: history.tasks.length + 1,
          steps: path.length,
        };
        instances.push({
          id: instanceId,
          record_id: id,
          form_id: form.id,
          form_version: form.version,
          state,
          outcome: history.outcome,
          started_by: userId,
          at,
          done: history.completedAt,
        });
        for (const [i, t] of history.tasks.entries()) {
          const assignee = userIds.get(t.assignee);
          if (!assignee) throw this.bad(index, sample, `there is no user "${t.assignee}"`);
          const node = flow?.nodes.find((n) => n.id === t.nodeId);
          if (!node) throw this.bad(index, sample, `the flow has no node "${t.nodeId}"`);
          tasks.push({
            id: randomUUID(),
            instance_id: instanceId,
            record_id: id,
            form_id: form.id,
            task_key: `t${i + 1}`,
            node_id: t.nodeId,
            node_name: node.name,
            assignee_id: assignee,
            action: t.action,
            comment: t.comment ?? null,
            at: t.createdAt,
            done: t.completedAt,
          });
        }
      }
    }
    await this.insertAll(m, records, events, instances, tasks);
    for (const k of keyed) await this.keys.sync(m, k.formId, k.id, k.data);
    await writeAudit(m, {
      actorId,
      action: 'records.load_history',
      entityType: 'app',
      entityId: appId,
      before: null,
      after: { records: records.length, processes: instances.length },
    });
    return records.length;
  }

  private bad(index: number, sample: TemplateSampleRecord, why: string): AppError {
    return new AppError(422, 'sample_invalid', `Sample ${index + 1} (${sample.form}): ${why}.`);
  }

  /** The values a linked record copies into this one (from samples stored before it). */
  private withLinkCopies(
    form: FormDefinition,
    data: JsonObject,
    stored: Map<string, JsonObject>,
  ): JsonObject {
    const out: JsonObject = { ...data };
    for (const [key, field] of Object.entries(form.schema.properties)) {
      const link = field['x-link'];
      const picked = data[key];
      if (!link?.copy || typeof picked !== 'string') continue;
      const linked = stored.get(picked);
      if (!linked) continue;
      for (const [target, source] of Object.entries(link.copy)) {
        const value = linked[source];
        if (value !== undefined) out[target] = value;
      }
    }
    return out;
  }

  private async formsOf(m: EntityManager, appId: string): Promise<Map<string, FormRow>> {
    const rows: FormRow[] = await m.query(
      `SELECT f.id, f.key, f.published_version AS version, v.definition, v.flow
         FROM forms f JOIN form_versions v ON v.form_id = f.id AND v.version = f.published_version
        WHERE f.app_id = $1`,
      [appId],
    );
    return new Map(rows.map((r) => [r.key, r]));
  }

  private async insertAll(
    m: EntityManager,
    records: unknown[],
    events: unknown[],
    instances: unknown[],
    tasks: unknown[],
  ): Promise<void> {
    for (let i = 0; i < records.length; i += CHUNK) {
      await m.query(
        `INSERT INTO records (id, form_id, form_version, data, version, created_by, created_at, updated_at)
         SELECT id, form_id, form_version, data, 1, created_by, at, at
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, form_id uuid, form_version integer, data jsonb,
                created_by uuid, at timestamptz)`,
        [JSON.stringify(records.slice(i, i + CHUNK))],
      );
      await m.query(
        `INSERT INTO record_events (id, record_id, type, actor_id, created_at)
         SELECT id, record_id, type, actor_id, at
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, record_id uuid, type text, actor_id uuid, at timestamptz)`,
        [JSON.stringify(events.slice(i, i + CHUNK))],
      );
    }
    for (let i = 0; i < instances.length; i += CHUNK) {
      await m.query(
        `INSERT INTO process_instances (id, record_id, form_id, form_version, state, status, outcome, version,
                                        started_by, created_at, updated_at)
         SELECT id, record_id, form_id, form_version, state, 'completed', outcome, 1, started_by, at, done
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, record_id uuid, form_id uuid, form_version integer,
                state jsonb, outcome text, started_by uuid, at timestamptz, done timestamptz)`,
        [JSON.stringify(instances.slice(i, i + CHUNK))],
      );
    }
    for (let i = 0; i < tasks.length; i += CHUNK) {
      await m.query(
        `INSERT INTO tasks (id, instance_id, record_id, form_id, task_key, kind, node_id, node_name, assignee_id,
                            status, action, comment, created_at, completed_at)
         SELECT id, instance_id, record_id, form_id, task_key, 'approval', node_id, node_name, assignee_id,
                'completed', action, comment, at, done
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, instance_id uuid, record_id uuid, form_id uuid,
                task_key text, node_id text, node_name jsonb, assignee_id uuid, action text, comment text,
                at timestamptz, done timestamptz)`,
        [JSON.stringify(tasks.slice(i, i + CHUNK))],
      );
    }
  }
}
