import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { evaluate, isTruthy } from '@liuyun/logic';
import {
  isServerSetWidget,
  type FlowDefinition,
  type I18nText,
  type JsonObject,
} from '@liuyun/definitions';
import type { PathEntry } from '@liuyun/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/errors/app-error';
import { isObject } from './record-json';
import { AppsService } from '../apps/apps.service';
import { FormVersionCache } from '../apps/form-version.cache';
import { PublishedFormCache } from '../apps/published-form.cache';
import { writeAudit } from '../../common/audit/audit.writer';
import { GENERATIONS_SQL, noteGenerations } from '../../common/cache/cache-generations';
import { openWrites, withStepWrites } from '../processes/step-writes';
import { IdentityService, type UserRef } from '../identity/identity.service';
import { INSTANCE_COLUMNS, ProcessInstanceEntity } from '../processes/process-instance.entity';
import { ProcessRunner } from '../processes/process-runner.service';
import { TaskViewsService, type TaskItem } from '../processes/task-views.service';
import { writeRecordEvent } from './record-event.writer';
import { AccessService } from '../access/access.service';
import { alwaysSees } from '../access/record-scope';
import { RECORD_EVENT_COLUMNS, RecordEntity, RecordEventEntity } from './record.entity';
import { changedFields } from './record-changes';
import { detailsWithoutFields, hiddenFieldsAt, withoutFields } from './hidden-fields';
import { RecordChangeBus } from './record-change.bus';
import { FieldValues } from '../fields/field-values.service';
import { SerialNumbers } from '../fields/serial-numbers.service';
import { FilesService } from '../files/files.service';

export interface ProcessView {
  id: string;
  status: string;
  outcome: string | null;
  flow: FlowDefinition;
  path: PathEntry[];
  activeNodeIds: string[];
}

export interface TimelineItem {
  id: string;
  type: string;
  at: string;
  actor: UserRef | null;
  /** For task events: whom the task is (or was) for. */
  assignee?: UserRef;
  nodeId?: string;
  nodeName?: I18nText;
  comment?: string;
  details?: JsonObject;
}

export interface RecordView {
  id: string;
  formId: string;
  data: JsonObject;
  version: number;
  createdBy: UserRef;
  createdAt: string;
  updatedAt: string;
  process: ProcessView | null;
  tasks?: TaskItem[];
  timeline?: TimelineItem[];
}

/** How a form's flow starts: on submit (default), on a change of the record, by hand, or on a schedule. */
export function startTrigger(flow: FlowDefinition): string {
  const start = flow.nodes.find((n) => n.type === 'start');
  return start?.type === 'start' ? start.settings.trigger : 'form_submit';
}

/** A `record_change` flow starts when a watched field changed and its condition holds on the new data. */
export function startsOnChange(
  flow: FlowDefinition,
  before: JsonObject,
  after: JsonObject,
  changed: string[],
): boolean {
  const start = flow.nodes.find((n) => n.type === 'start');
  if (start?.type !== 'start' || start.settings.trigger !== 'record_change') return false;
  const { watchFields, condition } = start.settings;
  if (changed.length === 0) return false;
  if (watchFields && watchFields.length > 0 && !watchFields.some((f) => changed.includes(f)))
    return false;
  return condition === undefined || isTruthy(evaluate(condition, { ...after, $before: before }));
}

/**
 * Whether a freshly created record starts its form's flow: a `form_submit` flow always,
 * a `record_change` flow marked `onCreate` when the new record sets a watched field and
 * the condition holds (creation is the record's first change).
 */
export function startsOnCreate(flow: FlowDefinition, data: JsonObject): boolean {
  const start = flow.nodes.find((n) => n.type === 'start');
  if (start?.type !== 'start') return true;
  if (start.settings.trigger === 'form_submit') return true;
  if (start.settings.trigger !== 'record_change' || start.settings.onCreate !== true) return false;
  const set = Object.keys(data).filter(
    (k) => data[k] !== null && data[k] !== undefined && data[k] !== '',
  );
  return startsOnChange(flow, {}, data, set);
}

/** The form version a submission was checked against is no longer the published one. */
class StaleFormVersion extends Error {}

/** Submitting, reading and listing records; a submission starts the form's flow. */
@Injectable()
export class RecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly forms: FormVersionCache,
    private readonly publishedForms: PublishedFormCache,
    private readonly identity: IdentityService,
    private readonly runner: ProcessRunner,
    private readonly taskViews: TaskViewsService,
    private readonly changes: RecordChangeBus,
    private readonly fieldValues: FieldValues,
    private readonly serials: SerialNumbers,
    private readonly files: FilesService,
    private readonly access: AccessService,
  ) {}

  /**
   * Checks the data with the same code the browser runs (computed values and
   * visibility recomputed here, whatever the client sent), then stores the record and
   * starts its flow in one transaction. Invalid data stores nothing.
   *
   * With an idempotency key, the first request to commit wins; every other request with
   * the same key (at once or later) gets the very answer the first one got, and a
   * different request under a used key is refused.
   */
  async submit(
    formId: string,
    input: unknown,
    user: AuthUser,
    idempotencyKey?: string,
  ): Promise<RecordView> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify({ formId, input }))
      .digest('hex');
    if (idempotencyKey !== undefined) {
      const earlier = await this.idempotentAnswer(
        this.db.manager,
        user.id,
        idempotencyKey,
        requestHash,
      );
      if (earlier) return earlier;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.submitOnce(formId, input, user, idempotencyKey, requestHash);
      } catch (e) {
        // Another process published a new version meanwhile: once more with that one.
        if (!(e instanceof StaleFormVersion) || attempt >= 3) throw e;
        this.publishedForms.forget(formId);
      }
    }
  }

  private async submitOnce(
    formId: string,
    input: unknown,
    user: AuthUser,
    idempotencyKey: string | undefined,
    requestHash: string,
  ): Promise<RecordView> {
    const form = await this.publishedForms.get(formId);
    // S7: system keys, read-only and hidden fields are refused before anything runs.
    if (isObject(input))
      await this.access.assertWritable(user, formId, form.definition, input, null);
    // The form's rules, then references to other records, users and files (fields module).
    const completed = await this.fieldValues.complete(formId, form.definition, input, user);
    const result = { data: completed.data };
    const id = randomUUID();
    const answer = await this.db.transaction((m) =>
      withStepWrites(m, async () => {
        if (idempotencyKey !== undefined) {
          // Concurrent requests with the same key wait here for the first to commit.
          const claimed: unknown[] = await m.query(
            `INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body)
             VALUES ($1, $2, $3, 201, '{}'::json) ON CONFLICT DO NOTHING RETURNING key`,
            [user.id, idempotencyKey, requestHash],
          );
          if (claimed.length === 0) return null;
        }
        const calendar = await this.fieldValues.workCalendar(m);
        result.data = await this.serials.assign(
          m,
          formId,
          form.definition,
          result.data,
          new Date(),
          calendar.utcOffsetMinutes ?? 480,
        );
        // Stored only if the version checked against is still the published one; the
        // statement also tells this transaction the cache generations.
        const inserted: { generations: unknown }[] = await m.query(
          `INSERT INTO records (id, form_id, form_version, data, version, created_by)
           SELECT $1, $2, $3, $4, 1, $5 WHERE EXISTS (
             SELECT 1 FROM forms WHERE id = $2 AND published_version = $3)
           RETURNING ${GENERATIONS_SQL} AS generations`,
          [id, formId, form.version, JSON.stringify(result.data), user.id],
        );
        if (inserted.length === 0) throw new StaleFormVersion();
        noteGenerations(m, inserted[0]?.generations);
        await this.files.attach(m, id, completed.fileIds);
        await writeRecordEvent(m, { recordId: id, type: 'record_submitted', actorId: user.id });
        await writeAudit(m, {
          actorId: user.id,
          action: 'record.create',
          entityType: 'record',
          entityId: id,
          before: null,
          after: result.data,
        });
        await this.changes.publish(m, {
          type: 'created',
          formId,
          recordId: id,
          before: null,
          after: result.data,
          actorId: user.id,
          depth: 0,
          // The INSERT above stored it only if this version is still the published one.
          formVersion: form.version,
        });
        if (form.flow && startsOnCreate(form.flow, result.data)) {
          await this.runner.start(m, {
            recordId: id,
            formId,
            formVersion: form.version,
            flow: form.flow,
            data: result.data,
            submitterId: user.id,
          });
        }
        if (idempotencyKey === undefined) return 'stored' as const;
        // The answer other requests with this key get is stored with the record.
        await openWrites(m)?.flush(m);
        const view = await this.view(id, user, m);
        await m.query(
          'UPDATE idempotency_keys SET response_body = $3 WHERE user_id = $1 AND key = $2',
          [user.id, idempotencyKey, JSON.stringify(view)],
        );
        return view;
      }),
    );
    // Built after the commit: the transaction holds its locks no longer than its writes.
    if (answer === 'stored') return this.view(id, user);
    if (answer) return answer;
    const earlier = await this.idempotentAnswer(
      this.db.manager,
      user.id,
      idempotencyKey!,
      requestHash,
    );
    if (!earlier)
      throw conflict(
        'conflict',
        'The request with this idempotency key did not complete; send it again.',
      );
    return earlier;
  }

  private async idempotentAnswer(
    m: EntityManager,
    userId: string,
    key: string,
    requestHash: string,
  ): Promise<RecordView | null> {
    const rows: { request_hash: string; response_body: RecordView }[] = await m.query(
      'SELECT request_hash, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.request_hash !== requestHash) {
      throw new AppError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request.',
      );
    }
    return row.response_body;
  }

  /**
   * Edits a record. `expectedVersion` comes from If-Match: of concurrent edits made from
   * the same version exactly one wins, the others get 412 and nothing is lost silently.
   * The patch is merged over the stored data, then checked like a submission; fields
   * the submitter cannot set (read-only) keep their stored values.
   */
  async update(
    id: string,
    patch: unknown,
    user: AuthUser,
    expectedVersion: number,
  ): Promise<RecordView> {
    const current = await this.view(id, user);
    if ((await this.access.record(user, id, 'edit')) !== 'allowed') {
      throw forbidden('You may not edit this record.');
    }
    if (!isObject(patch)) {
      throw badRequest('validation_failed', 'The changes must be an object of fields.', [
        {
          instancePath: '',
          keyword: 'type',
          message: 'must be object',
          params: { type: 'object' },
        },
      ]);
    }
    const form = await this.apps.publishedForm(current.formId);
    // The stored data, hidden fields included (the view leaves out what the user may not see).
    const stored = await this.storedData(id);
    await this.access.assertWritable(user, current.formId, form.definition, patch, stored);
    const merged: Record<string, unknown> = { ...stored, ...patch };
    const completed = await this.fieldValues.complete(
      current.formId,
      form.definition,
      merged,
      user,
      { recordId: id },
    );
    const data: JsonObject = { ...completed.data };
    for (const [key, field] of Object.entries(form.definition.schema.properties)) {
      const kept = stored[key];
      // Read-only fields and serial numbers keep what the process or the server set.
      if ((field['x-readonly'] || isServerSetWidget(field)) && kept !== undefined) data[key] = kept;
    }
    const changes = changedFields(stored, data);
    await this.db.transaction(async (m) => {
      const [, affected] = (await m.query(
        `UPDATE records SET data = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
        [id, expectedVersion, JSON.stringify(data)],
      )) as [unknown, number];
      if (affected !== 1) {
        throw new AppError(
          412,
          'precondition_failed',
          'The record changed since you loaded it (If-Match does not match its version); reload and edit again.',
        );
      }
      await this.files.attach(m, id, completed.fileIds);
      await writeRecordEvent(m, {
        recordId: id,
        type: 'record_updated',
        actorId: user.id,
        details: { changes },
      });
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'record.update',
        entityType: 'record',
        entityId: id,
        before: stored,
        after: data,
      });
      await this.changes.publish(m, {
        type: 'updated',
        formId: current.formId,
        recordId: id,
        before: stored,
        after: data,
        actorId: user.id,
        depth: 0,
      });
      if (
        form.flow &&
        startsOnChange(
          form.flow,
          stored,
          data,
          changes.map((c) => c.field),
        )
      ) {
        await this.startIfIdle(m, id, current.formId, form.version, form.flow, data, user.id);
      }
    });
    return this.view(id, user);
  }

  /** Starts a form's manual flow on a record (a button in the record page). */
  async startManually(id: string, user: AuthUser): Promise<RecordView> {
    const current = await this.view(id, user);
    const form = await this.apps.publishedForm(current.formId);
    if (!form.flow || startTrigger(form.flow) !== 'manual') {
      throw conflict('not_manual', 'This form has no flow that starts by hand.');
    }
    await this.db.transaction(async (m) => {
      const started = await this.startIfIdle(
        m,
        id,
        current.formId,
        form.version,
        form.flow!,
        current.data,
        user.id,
      );
      if (!started)
        throw conflict('already_running', 'A process is already running on this record.');
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'process.start',
        entityType: 'record',
        entityId: id,
        before: null,
        after: { flow: form.flow!.key },
      });
    });
    return this.view(id, user);
  }

  /** Starts the flow unless one already runs on the record (row-locked, so once). */
  private async startIfIdle(
    m: EntityManager,
    recordId: string,
    formId: string,
    formVersion: number,
    flow: FlowDefinition,
    data: JsonObject,
    submitterId: string,
  ): Promise<boolean> {
    await m.query('SELECT id FROM records WHERE id = $1 FOR UPDATE', [recordId]);
    const running: unknown[] = await m.query(
      `SELECT id FROM process_instances WHERE record_id = $1 AND status = 'running' LIMIT 1`,
      [recordId],
    );
    if (running.length > 0) return false;
    await this.runner.start(m, { recordId, formId, formVersion, flow, data, submitterId });
    return true;
  }

  /** A record's stored data as it is, for edits (no visibility: the caller checked it). */
  private async storedData(id: string): Promise<JsonObject> {
    const rows: { data: JsonObject }[] = await this.db.query(
      'SELECT data FROM records WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    if (!rows[0]) throw notFound('The record');
    return rows[0].data;
  }

  /** List items (no tasks or timeline) for rows a list query found visible. */
  viewsOf(rows: RecordEntity[], user: AuthUser): Promise<RecordView[]> {
    return this.toViews(this.db.manager, rows, false, user);
  }

  /** One record with its process, tasks and timeline, if the user may see it. */
  async view(id: string, user: AuthUser, m: EntityManager = this.db.manager): Promise<RecordView> {
    const rows: RecordEntity[] = await m.query(
      `SELECT r.id, r.form_id AS "formId", r.form_version AS "formVersion", r.data, r.version,
              r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
         FROM records r WHERE r.id = $1 AND r.deleted_at IS NULL`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound('The record');
    // The submitter and administrators see it; anyone else through the view scope.
    if (!alwaysSees(user, row)) {
      const visible = await this.access.scope(user, 'view', m, [id]);
      const seen: unknown[] = await m.query(
        `SELECT 1 FROM records r WHERE r.id = $1 AND ${visible.sql(2)}`,
        [id, ...visible.params],
      );
      if (seen.length === 0) throw notFound('The record');
    }
    const [view] = await this.toViews(m, [row], true, user);
    if (!view) throw notFound('The record');
    return view;
  }

  private async toViews(
    m: EntityManager,
    rows: RecordEntity[],
    detailed: boolean,
    viewer: AuthUser,
  ): Promise<RecordView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // The reads are independent: sent together, then the people they name in one lookup.
    const [heldTasks, instances, details] = await Promise.all([
      // Node field permissions also govern what task holders read (hidden = absent).
      viewer.isAdmin
        ? Promise.resolve<{ record_id: string; node_id: string }[]>([])
        : (m.query(
            'SELECT record_id, node_id FROM tasks WHERE record_id = ANY($1::uuid[]) AND assignee_id = $2',
            [ids, viewer.id],
          ) as Promise<{ record_id: string; node_id: string }[]>),
      m.query(
        `SELECT ${INSTANCE_COLUMNS} FROM process_instances pi
          WHERE pi.record_id = ANY($1::uuid[]) ORDER BY pi.created_at DESC`,
        [ids],
      ) as Promise<ProcessInstanceEntity[]>,
      detailed
        ? Promise.all(
            rows.map(async (r) => {
              const [tasks, events] = await Promise.all([
                this.taskViews.rowsForRecord(r.id, m),
                m.query(
                  `SELECT ${RECORD_EVENT_COLUMNS} FROM record_events e
                    WHERE e.record_id = $1 ORDER BY e.seq ASC`,
                  [r.id],
                ) as Promise<RecordEventEntity[]>,
              ]);
              return { tasks, events };
            }),
          )
        : Promise.resolve(null),
    ]);
    const refs = await this.identity.refs(
      [
        ...rows.map((r) => r.createdBy),
        ...(details ?? []).flatMap((d) => [
          ...TaskViewsService.peopleOf(d.tasks),
          ...timelinePeople(d.events),
        ]),
      ],
      m,
    );
    const setHidden = await this.access.hiddenFields(
      viewer,
      rows.map((r) => r.formId),
      m,
    );
    const views: RecordView[] = [];
    for (const [i, r] of rows.entries()) {
      const instance = instances.find((i) => i.recordId === r.id);
      let process: ProcessView | null = null;
      if (instance) {
        const version = await this.forms.get(instance.formId, instance.formVersion, m);
        if (version.flow) {
          process = {
            id: instance.id,
            status: instance.status,
            outcome: instance.outcome,
            flow: version.flow,
            path: instance.state.path,
            activeNodeIds: [...new Set(instance.state.tokens.map((t) => t.nodeId))],
          };
        }
      }
      const hidden =
        process && !viewer.isAdmin && r.createdBy !== viewer.id
          ? hiddenFieldsAt(
              process.flow,
              heldTasks.filter((t) => t.record_id === r.id).map((t) => t.node_id),
            )
          : new Set<string>();
      // Fields the viewer's permission sets hide are left out too.
      for (const field of setHidden.get(r.formId) ?? []) hidden.add(field);
      const view: RecordView = {
        id: r.id,
        formId: r.formId,
        data: withoutFields(r.data, hidden),
        version: r.version,
        createdBy: refs.get(r.createdBy) ?? { id: r.createdBy, username: '', displayName: '' },
        createdAt: new Date(r.createdAt).toISOString(),
        updatedAt: new Date(r.updatedAt).toISOString(),
        process,
      };
      const detail = details?.[i];
      if (detail) {
        view.tasks = await this.taskViews.itemsOf(detail.tasks, refs, m);
        view.timeline = timelineOf(detail.events, refs, hidden);
      }
      views.push(view);
    }
    return views;
  }
}

function assigneeOf(e: RecordEventEntity): string | null {
  const id = e.details?.assigneeId;
  return typeof id === 'string' ? id : null;
}

/** The people timeline lines name (for `timelineOf`). */
function timelinePeople(events: readonly RecordEventEntity[]): string[] {
  return events.flatMap((e) => [e.actorId, assigneeOf(e)].filter((x): x is string => x !== null));
}

/** A record's timeline lines, naming people from `refs` (holding `timelinePeople`). */
function timelineOf(
  events: readonly RecordEventEntity[],
  refs: Map<string, UserRef>,
  hidden: Set<string>,
): TimelineItem[] {
  return events.map((e) => {
    const item: TimelineItem = {
      id: e.id,
      type: e.type,
      at: e.createdAt.toISOString(),
      actor: e.actorId ? (refs.get(e.actorId) ?? null) : null,
    };
    const assignee = assigneeOf(e);
    if (assignee && refs.has(assignee)) item.assignee = refs.get(assignee);
    if (e.nodeId) item.nodeId = e.nodeId;
    if (e.nodeName) item.nodeName = e.nodeName;
    if (e.comment) item.comment = e.comment;
    if (e.details) item.details = detailsWithoutFields(e.details, hidden);
    return item;
  });
}
