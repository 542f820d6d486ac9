import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  linkCopyValue,
  missingDefaults,
  prepareForm,
  type FlowDefinition,
  type JsonObject,
  type JsonValue,
} from '@liuyun/definitions';
import { compileRule, isTruthy } from '@liuyun/logic';
import type { Effect } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { FormVersionCache } from '../apps/form-version.cache';
import { ProcessEventBus } from '../automations/process-event.bus';
import { RecordChangeBus } from '../records/record-change.bus';
import { writeRecordEvent } from '../records/record-event.writer';
import { FieldValues } from '../fields/field-values.service';
import { SerialNumbers } from '../fields/serial-numbers.service';
import type { ProcessInstanceEntity } from './process-instance.entity';

interface TargetForm {
  id: string;
  version: number;
}

/**
 * Who writes through the RecordWriter: a process instance or an automation run. Records
 * it creates belong to `actorId`; `depth` is passed on with the changes it publishes.
 */
export interface WriteOrigin {
  /** A form of the app whose forms may be written. */
  appFormId: string;
  actorId: string;
  /** How many automations led to these writes (0: a person or a process). */
  depth: number;
  /** Timeline details naming the writer, e.g. `{ byInstance, byRecord }`. */
  details: JsonObject;
}

function originOf(instance: ProcessInstanceEntity): WriteOrigin {
  return {
    appFormId: instance.formId,
    actorId: instance.startedBy,
    depth: 0,
    details: { byInstance: instance.id, byRecord: instance.recordId },
  };
}

/** Most records an automation's `match` filter looks through in one step. */
const MATCH_SCAN_LIMIT = 5_000;

/**
 * Writes that flows make to records of other forms (automation steps, sub-process
 * records), inside the step's transaction and checked by the target form's own rules.
 */
@Injectable()
export class RecordWriter {
  /** Process steps, for automations (the runner publishes each step here). */
  readonly processEvents = new ProcessEventBus();

  constructor(
    private readonly forms: FormVersionCache,
    private readonly changes: RecordChangeBus,
    private readonly serials: SerialNumbers,
    private readonly fieldValues: FieldValues,
  ) {}

  async flowOf(m: EntityManager, instance: ProcessInstanceEntity): Promise<FlowDefinition> {
    const version = await this.forms.get(instance.formId, instance.formVersion, m);
    if (!version.flow) throw new AppError(500, 'internal_error', 'The instance has no flow.');
    return version.flow;
  }

  /** A form of the same app as the instance's form, by key. */
  private async targetForm(m: EntityManager, appFormId: string, key: string): Promise<TargetForm> {
    const rows: { id: string; published_version: number }[] = await m.query(
      `SELECT f.id, f.published_version FROM forms f
        WHERE f.key = $2 AND f.app_id = (SELECT app_id FROM forms WHERE id = $1) AND f.published_version > 0`,
      [appFormId, key],
    );
    const row = rows[0];
    if (!row)
      throw new AppError(
        422,
        'unknown_form',
        `The flow names a form "${key}" that this app does not have.`,
      );
    return { id: row.id, version: row.published_version };
  }

  private async checked(m: EntityManager, form: TargetForm, data: unknown): Promise<JsonObject> {
    const version = await this.forms.get(form.id, form.version, m);
    const result = prepareForm(version.definition).evaluate(data, { allowReadonly: true });
    if (result.errors.length > 0) {
      throw new AppError(
        422,
        'automation_record_invalid',
        'An automation step produced a record its form refuses.',
        result.errors,
      );
    }
    return result.data;
  }

  /**
   * Linked-record copies for the link fields a step wrote, like a submission makes them
   * (a link to no record of the linked form copies nothing).
   */
  private async withCopies(
    m: EntityManager,
    form: TargetForm,
    written: Record<string, JsonValue>,
    data: JsonObject,
  ): Promise<JsonObject> {
    const version = await this.forms.get(form.id, form.version, m);
    let out = data;
    for (const [key, field] of Object.entries(version.definition.schema.properties)) {
      const link = field['x-link'];
      const picked = written[key];
      if (!link?.copy || typeof picked !== 'string') continue;
      const rows: { data: JsonObject }[] = await m.query(
        `SELECT r.data FROM records r JOIN forms f ON f.id = r.form_id
          WHERE r.id = $1::uuid AND f.key = $2 AND r.deleted_at IS NULL
            AND f.app_id = (SELECT app_id FROM forms WHERE id = $3)`,
        [picked, link.form, form.id],
      );
      const linked = rows[0]?.data;
      if (!linked) continue;
      const copies: JsonObject = {};
      for (const [into, from] of Object.entries(link.copy))
        copies[into] = linkCopyValue(version.definition.schema.properties[into], linked[from]);
      out = { ...out, ...copies };
    }
    return out;
  }

  private async insert(
    m: EntityManager,
    form: TargetForm,
    checked: JsonObject,
    origin: WriteOrigin,
    presetId?: string,
  ): Promise<string> {
    const id = presetId ?? randomUUID();
    // Serial numbers as a submission gets them (the counters are concurrency-safe).
    const version = await this.forms.get(form.id, form.version, m);
    const calendar = await this.fieldValues.workCalendar(m);
    const data = await this.serials.assign(
      m,
      form.id,
      version.definition,
      checked,
      new Date(),
      calendar.utcOffsetMinutes ?? 480,
    );
    await m.query(
      'INSERT INTO records (id, form_id, form_version, data, version, created_by) VALUES ($1, $2, $3, $4, 1, $5)',
      [id, form.id, form.version, JSON.stringify(data), origin.actorId],
    );
    await writeRecordEvent(m, {
      recordId: id,
      type: 'record_submitted',
      actorId: null,
      details: origin.details,
    });
    await this.changes.publish(m, {
      type: 'created',
      formId: form.id,
      recordId: id,
      before: null,
      after: data,
      actorId: null,
      depth: origin.depth,
    });
    return id;
  }

  /** create / update / upsert records of another form; returns the ids written. */
  async upsertFromFlow(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    effect: Extract<Effect, { type: 'upsertRecords' }>,
  ): Promise<string[]> {
    return this.upsert(m, originOf(instance), effect);
  }

  /** The same for any writer (automation runs); changes are published with its depth. */
  async upsert(
    m: EntityManager,
    origin: WriteOrigin,
    effect: Pick<Extract<Effect, { type: 'upsertRecords' }>, 'form' | 'mode' | 'match' | 'values'>,
    /** The id a created record gets (automations hand it to later steps as `$created`). */
    presetId?: string,
  ): Promise<string[]> {
    const form = await this.targetForm(m, origin.appFormId, effect.form);
    const matched: { id: string; data: JsonObject; version: number }[] = [];
    if (effect.mode !== 'create' && effect.match !== undefined) {
      const test = compileRule(effect.match as JsonValue);
      const rows: { id: string; data: JsonObject; version: number }[] = await m.query(
        'SELECT id, data, version FROM records WHERE form_id = $1 AND deleted_at IS NULL ORDER BY created_at LIMIT $2',
        [form.id, MATCH_SCAN_LIMIT],
      );
      // `{"var": "$id"}` in the filter is the target record's id.
      for (const r of rows) if (isTruthy(test({ ...r.data, $id: r.id }))) matched.push(r);
    }
    if (matched.length === 0) {
      if (effect.mode === 'update') return [];
      const version = await this.forms.get(form.id, form.version, m);
      const values = await this.withCopies(m, form, effect.values, {
        ...missingDefaults(version.definition, effect.values),
        ...effect.values,
      });
      const data = await this.checked(m, form, values);
      return [await this.insert(m, form, data, origin, presetId)];
    }
    const ids: string[] = [];
    for (const r of matched) {
      const merged = await this.withCopies(m, form, effect.values, { ...r.data, ...effect.values });
      const data = await this.checked(m, form, merged);
      await m.query(
        'UPDATE records SET data = $2, version = version + 1, updated_at = now() WHERE id = $1',
        [r.id, JSON.stringify(data)],
      );
      await writeRecordEvent(m, {
        recordId: r.id,
        type: 'record_updated',
        details: { ...origin.details, patch: effect.values },
      });
      await this.changes.publish(m, {
        type: 'updated',
        formId: form.id,
        recordId: r.id,
        before: r.data,
        after: data,
        actorId: null,
        depth: origin.depth,
      });
      ids.push(r.id);
    }
    return ids;
  }

  /** The record a sub-process runs on, in the child form, with the child's flow. */
  async createForSubprocess(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    effect: Extract<Effect, { type: 'startSubprocess' }>,
  ): Promise<{
    recordId: string;
    formId: string;
    formVersion: number;
    flow: FlowDefinition;
    data: JsonObject;
  }> {
    const form = await this.targetForm(m, instance.formId, effect.form);
    const version = await this.forms.get(form.id, form.version, m);
    if (!version.flow) {
      throw new AppError(
        422,
        'subprocess_without_flow',
        `The form "${effect.form}" has no flow to run as a sub-process.`,
      );
    }
    const data = await this.checked(m, form, effect.data);
    const recordId = await this.insert(m, form, data, originOf(instance));
    return { recordId, formId: form.id, formVersion: form.version, flow: version.flow, data };
  }
}
