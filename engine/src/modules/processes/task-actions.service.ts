import { Injectable } from '@nestjs/common';
import {
  prepareForm,
  type FlowDefinition,
  type FlowNode,
  type FormDefinition,
  type JsonObject,
} from '@liuyun/definitions';
import type { TaskActionEvent } from '@liuyun/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import { writeAudit } from '../../common/audit/audit.writer';
import { GENERATIONS_SQL, noteGenerations } from '../../common/cache/cache-generations';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/errors/app-error';
import { FormVersionCache } from '../apps/form-version.cache';
import { writeRecordEvent, type RecordEventType } from '../records/record-event.writer';
import { INSTANCE_COLUMNS, ProcessInstanceEntity } from './process-instance.entity';
import { RecordKeys } from '../records/record-keys.service';
import { ProcessRunner } from './process-runner.service';
import { withStepWrites } from './step-writes';
import { FilesService } from '../files/files.service';

/** What a person can do to an open task. */
export type TaskActionName =
  'approve' | 'reject' | 'submit' | 'return' | 'transfer' | 'add_signer' | 'comment' | 'save_draft';

export interface TaskActionInput {
  action: TaskActionName;
  comment?: string;
  data?: JsonObject;
  /** return: the earlier node to go back to. */
  toNodeId?: string;
  /** transfer: the user who takes the task over. */
  toUserId?: string;
  /** add_signer: who else must approve, and whether before or after the actor. */
  userIds?: string[];
  position?: 'before' | 'after';
  /** comment: a handwritten signature as a PNG data URL. */
  signature?: string;
  /** comment: ids of files uploaded for comments (POST /api/files without a field). */
  attachments?: string[];
}

interface OpenTaskRow {
  id: string;
  instance_id: string;
  record_id: string;
  task_key: string;
  kind: string;
  node_id: string;
  node_name: { zh: string; en: string };
  assignee_id: string;
  status: string;
}

const EVENT_BY_ACTION: Record<string, RecordEventType> = {
  approve: 'task_approved',
  reject: 'task_rejected',
  submit: 'task_submitted',
  return: 'task_returned',
  transfer: 'task_transferred',
  add_signer: 'signer_added',
};

function taskNode(flow: FlowDefinition, nodeId: string): FlowNode | undefined {
  return flow.nodes.find((n) => n.id === nodeId);
}

/**
 * The fields an assignee may change at a node, per its field permissions (fields not
 * listed are read-only); hidden fields are neither readable nor writable.
 */
export function editableFields(node: FlowNode | undefined): Set<string> {
  if (!node || (node.type !== 'approval' && node.type !== 'fill')) return new Set();
  const perms = node.settings.fieldPermissions ?? {};
  return new Set(
    Object.entries(perms)
      .filter(([, p]) => p === 'editable' || p === 'required')
      .map(([f]) => f),
  );
}

/**
 * Task actions. The instance row is locked first, so decisions on one instance apply
 * one after another; the task must then still be open and the actor's, so of many
 * concurrent attempts on one task exactly one acts and the others get 409. Changes the
 * assignee sends are checked against the node's field permissions on the server, then
 * against the form's own rules; a refused request changes nothing.
 */
@Injectable()
export class TaskActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly forms: FormVersionCache,
    private readonly runner: ProcessRunner,
    private readonly files: FilesService,
    private readonly keys: RecordKeys,
  ) {}

  async act(
    taskId: string,
    user: AuthUser,
    input: TaskActionInput,
  ): Promise<{ taskId: string; recordId: string }> {
    return this.db.transaction((m) =>
      withStepWrites(m, async () => {
        const instance = await this.lockInstanceOfTask(m, taskId);
        const task = await this.taskRow(m, taskId);
        if (task.assignee_id !== user.id) throw forbidden('This task is assigned to someone else.');
        if (task.status !== 'open')
          throw conflict('task_not_open', `The task was already ${task.status}.`);
        if (instance.status !== 'running')
          throw conflict('task_not_open', 'The process has already ended.');
        if (task.kind === 'cc' && input.action !== 'comment') {
          throw conflict(
            'task_not_actionable',
            'A carbon copy takes no decision; you can comment on it.',
          );
        }
        const version = await this.forms.get(instance.formId, instance.formVersion, m);
        const flow = version.flow;
        if (!flow) throw new AppError(500, 'internal_error', 'The instance has no flow.');
        const node = taskNode(flow, task.node_id);
        // Audited first: it joins the step's statement (a refused step rolls it back).
        await writeAudit(m, {
          actorId: user.id,
          action: `task.${input.action}`,
          entityType: 'task',
          entityId: task.id,
          before: { status: task.status },
          after: {
            action: input.action,
            ...(input.toNodeId ? { toNodeId: input.toNodeId } : {}),
          },
        });

        if (input.action === 'comment') {
          await this.comment(m, task, user, input);
        } else if (input.action === 'save_draft') {
          const draft = this.checkedChanges(node, input.data ?? {});
          await m.query('UPDATE tasks SET draft = $2 WHERE id = $1', [
            task.id,
            JSON.stringify(draft),
          ]);
        } else {
          const data = await this.applyFieldChanges(m, instance, version.definition, node, input);
          await writeRecordEvent(m, {
            recordId: task.record_id,
            instanceId: instance.id,
            type: EVENT_BY_ACTION[input.action] ?? 'task_approved',
            actorId: user.id,
            nodeId: task.node_id,
            nodeName: task.node_name,
            comment: input.comment ?? null,
            details: actionDetails(input),
          });
          await this.runner.signal(m, instance, flow, this.event(task, user, input, data), {
            comment: { taskKey: task.task_key, text: input.comment ?? null },
          });
        }
        return { taskId: task.id, recordId: task.record_id };
      }),
    );
  }

  /** The submitter takes the process back, if the flow's withdraw policy allows. */
  async withdraw(recordId: string, user: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM process_instances WHERE record_id = $1 AND status = 'running' ORDER BY created_at DESC LIMIT 1`,
        [recordId],
      );
      if (!rows[0])
        throw conflict('not_running', 'This record has no running process to withdraw.');
      const instance = await this.lockInstance(m, rows[0].id);
      if (instance.startedBy !== user.id)
        throw forbidden('Only the submitter may withdraw the process.');
      const flow = (await this.forms.get(instance.formId, instance.formVersion, m)).flow;
      if (!flow) throw new AppError(500, 'internal_error', 'The instance has no flow.');
      await this.runner.signal(m, instance, flow, { type: 'withdraw', userId: user.id });
      await this.withdrawChildren(m, instance.id, user);
      await writeRecordEvent(m, {
        recordId,
        instanceId: instance.id,
        type: 'process_withdrawn',
        actorId: user.id,
      });
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'process.withdraw',
        entityType: 'process_instance',
        entityId: instance.id,
        before: { status: 'running' },
        after: { status: instance.status, outcome: instance.outcome },
      });
    });
  }

  /**
   * Sub-processes of a withdrawn process are withdrawn too, in the same transaction;
   * one whose own policy refuses stays running and becomes an incident for an admin.
   */
  private async withdrawChildren(
    m: EntityManager,
    parentId: string,
    user: AuthUser,
  ): Promise<void> {
    const children: { id: string }[] = await m.query(
      `SELECT id FROM process_instances WHERE parent_instance_id = $1 AND status = 'running'`,
      [parentId],
    );
    for (const { id } of children) {
      const child = await this.lockInstance(m, id);
      const childFlow = (await this.forms.get(child.formId, child.formVersion, m)).flow;
      if (!childFlow) continue;
      try {
        await m.query('SAVEPOINT withdraw_child');
        await this.runner.signal(m, child, childFlow, {
          type: 'withdraw',
          userId: child.startedBy,
        });
        await m.query('RELEASE SAVEPOINT withdraw_child');
        await this.withdrawChildren(m, child.id, user);
      } catch (e) {
        await m.query('ROLLBACK TO SAVEPOINT withdraw_child');
        await m.query(
          `INSERT INTO incidents (id, code, message, instance_id, record_id) VALUES (gen_random_uuid(), $1, $2, $3, $4)`,
          [
            'child_not_withdrawn',
            `The parent process was withdrawn, but this sub-process could not be: ${e instanceof Error ? e.message : String(e)}`,
            child.id,
            child.recordId,
          ],
        );
      }
    }
  }

  private async taskRow(m: EntityManager, taskId: string): Promise<OpenTaskRow> {
    const rows: OpenTaskRow[] = await m.query(
      `SELECT id, instance_id, record_id, task_key, kind, node_id, node_name, assignee_id, status FROM tasks WHERE id = $1`,
      [taskId],
    );
    if (!rows[0]) throw notFound('The task');
    return rows[0];
  }

  /**
   * Locks the instance a task belongs to (one statement: the task's row is read again
   * afterwards, under the lock, so its status is current).
   */
  private async lockInstanceOfTask(
    m: EntityManager,
    taskId: string,
  ): Promise<ProcessInstanceEntity> {
    const rows: (ProcessInstanceEntity & { generations: unknown })[] = await m.query(
      `SELECT ${INSTANCE_COLUMNS}, ${GENERATIONS_SQL} AS generations
         FROM process_instances pi
        WHERE pi.id = (SELECT t.instance_id FROM tasks t WHERE t.id = $1)
          FOR UPDATE OF pi`,
      [taskId],
    );
    const row = rows[0];
    if (!row) throw notFound('The task');
    const { generations, ...instance } = row;
    noteGenerations(m, generations);
    return instance;
  }

  private lockInstance(m: EntityManager, id: string): Promise<ProcessInstanceEntity> {
    return m
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('pi')
      .setLock('pessimistic_write')
      .where('pi.id = :id', { id })
      .getOneOrFail();
  }

  /** Only fields the node makes editable may be sent; anything else is refused whole. */
  private checkedChanges(node: FlowNode | undefined, data: JsonObject): JsonObject {
    const allowed = editableFields(node);
    const refused = Object.keys(data).filter((k) => !allowed.has(k));
    if (refused.length > 0) {
      throw new AppError(
        400,
        'field_not_editable',
        `This step does not let you change: ${refused.join(', ')}.`,
        refused.map((f) => ({
          instancePath: `/${f}`,
          keyword: 'fieldPermission',
          message: 'is not editable at this step',
          params: { field: f },
        })),
      );
    }
    return data;
  }

  /** Validates the assignee's changes with the form's rules and stores them; returns them. */
  private async applyFieldChanges(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    form: FormDefinition,
    node: FlowNode | undefined,
    input: TaskActionInput,
  ): Promise<JsonObject | undefined> {
    const changes = this.checkedChanges(node, input.data ?? {});
    const required =
      node && (node.type === 'approval' || node.type === 'fill')
        ? Object.entries(node.settings.fieldPermissions ?? {})
            .filter(([, p]) => p === 'required')
            .map(([f]) => f)
        : [];
    if (
      Object.keys(changes).length === 0 &&
      (required.length === 0 || (input.action !== 'approve' && input.action !== 'submit'))
    ) {
      return undefined;
    }
    const rows: { data: JsonObject }[] = await m.query(
      'SELECT data FROM records WHERE id = $1 FOR UPDATE',
      [instance.recordId],
    );
    const current = rows[0]?.data ?? {};
    checkSubformRows(node, current, changes);
    const result = prepareForm(form).evaluate({ ...current, ...changes }, { allowReadonly: true });
    const missing = ['approve', 'submit'].includes(input.action)
      ? required.filter(
          (f) => result.data[f] === undefined || result.data[f] === null || result.data[f] === '',
        )
      : [];
    const errors = [
      ...result.errors,
      ...missing.map((f) => ({
        instancePath: `/${f}`,
        keyword: 'required',
        message: `must have required property '${f}'`,
        params: { missingProperty: f },
      })),
    ];
    if (errors.length > 0)
      throw badRequest(
        'validation_failed',
        'The changes are not valid; nothing was saved.',
        errors,
      );
    if (Object.keys(changes).length === 0) return undefined;
    await m.query(
      'UPDATE records SET data = $2, version = version + 1, updated_at = now() WHERE id = $1',
      [instance.recordId, JSON.stringify(result.data)],
    );
    await this.keys.sync(m, instance.formId, instance.recordId, result.data);
    return changes;
  }

  private event(
    task: OpenTaskRow,
    user: AuthUser,
    input: TaskActionInput,
    data: JsonObject | undefined,
  ): TaskActionEvent {
    const base = {
      type: 'task_action' as const,
      taskKey: task.task_key,
      userId: user.id,
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      ...(data ? { data } : {}),
    };
    switch (input.action) {
      case 'return':
        if (!input.toNodeId)
          throw badRequest('validation_failed', 'return needs toNodeId: the node to go back to.');
        return { ...base, action: 'return', toNodeId: input.toNodeId };
      case 'transfer':
        if (!input.toUserId)
          throw badRequest(
            'validation_failed',
            'transfer needs toUserId: who takes the task over.',
          );
        if (input.toUserId === user.id)
          throw badRequest('validation_failed', 'You cannot transfer a task to yourself.');
        return { ...base, action: 'transfer', toUserId: input.toUserId };
      case 'add_signer':
        if (!input.userIds?.length)
          throw badRequest('validation_failed', 'add_signer needs userIds.');
        return {
          ...base,
          action: 'add_signer',
          userIds: input.userIds,
          position: input.position ?? 'after',
        };
      case 'approve':
      case 'reject':
      case 'submit':
        return { ...base, action: input.action };
      default:
        throw badRequest('validation_failed', `Unknown action ${input.action}.`);
    }
  }

  private async comment(
    m: EntityManager,
    task: OpenTaskRow,
    user: AuthUser,
    input: TaskActionInput,
  ): Promise<void> {
    const ids = input.attachments ?? [];
    if (!input.comment && !input.signature && ids.length === 0)
      throw badRequest('validation_failed', 'A comment needs text, a signature or attachments.');
    // Only the commenter's own comment uploads, not yet held by a record (or already by this one).
    const stored = await this.files.byIds(ids, m);
    const attachments = ids.map((id) => {
      const file = stored.get(id);
      const usable =
        file !== undefined &&
        file.formId === null &&
        (file.recordId === task.record_id ||
          (file.recordId === null && file.uploadedBy === user.id));
      if (!usable)
        throw badRequest(
          'validation_failed',
          'An attachment was not uploaded by you for a comment.',
          [
            {
              instancePath: '/attachments',
              keyword: 'reference',
              message: 'unknown attachment',
              params: { id },
            },
          ],
        );
      return { id: file.id, name: file.name, size: file.size, type: file.type };
    });
    await this.files.attach(m, task.record_id, ids);
    const details: JsonObject = {};
    if (input.signature) details.signature = input.signature;
    if (attachments.length > 0) details.attachments = attachments;
    await writeRecordEvent(m, {
      recordId: task.record_id,
      instanceId: task.instance_id,
      type: 'comment',
      actorId: user.id,
      nodeId: task.node_id,
      nodeName: task.node_name,
      comment: input.comment ?? null,
      details: Object.keys(details).length > 0 ? details : null,
    });
  }
}

/**
 * Sub-form row operations at a node: rows may be added or deleted only where the
 * node's `subformRows` allows it (an editable sub-form without an entry allows both).
 */
export function checkSubformRows(
  node: FlowNode | undefined,
  current: JsonObject,
  changes: JsonObject,
): void {
  if (!node || (node.type !== 'approval' && node.type !== 'fill')) return;
  const rules = node.settings.subformRows ?? {};
  for (const [field, value] of Object.entries(changes)) {
    const rule = rules[field];
    if (!rule || !Array.isArray(value)) continue;
    const before = Array.isArray(current[field]) ? (current[field] as unknown[]).length : 0;
    if (value.length > before && !rule.add) {
      throw new AppError(
        400,
        'subform_row_add_not_allowed',
        `Rows cannot be added to ${field} at this step.`,
        [
          {
            instancePath: `/${field}`,
            keyword: 'subformRows',
            message: 'rows cannot be added here',
            params: { field },
          },
        ],
      );
    }
    if (value.length < before && !rule.delete) {
      throw new AppError(
        400,
        'subform_row_delete_not_allowed',
        `Rows cannot be deleted from ${field} at this step.`,
        [
          {
            instancePath: `/${field}`,
            keyword: 'subformRows',
            message: 'rows cannot be deleted here',
            params: { field },
          },
        ],
      );
    }
  }
}

function actionDetails(input: TaskActionInput): JsonObject | null {
  const details: JsonObject = {};
  if (input.toNodeId) details.toNodeId = input.toNodeId;
  if (input.toUserId) details.toUserId = input.toUserId;
  if (input.userIds) details.userIds = input.userIds;
  if (input.position) details.position = input.position;
  if (input.data) details.changes = Object.keys(input.data);
  return Object.keys(details).length > 0 ? details : null;
}
