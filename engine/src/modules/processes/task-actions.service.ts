import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, conflict, forbidden, notFound } from '../../common/errors/app-error';
import { AppsService } from '../apps/apps.service';
import { writeRecordEvent } from '../records/record-event.writer';
import { ProcessInstanceEntity } from './process-instance.entity';
import { ProcessRunner } from './process-runner.service';
import { TaskEntity } from './task.entity';

export interface TaskActionInput {
  action: 'approve' | 'reject';
  comment?: string;
  data?: JsonObject;
}

/**
 * Approve / reject. The task row is completed with a conditional UPDATE (only while
 * open, only by its assignee): of many concurrent attempts exactly one succeeds and the
 * others get 409. The instance row is then locked so that decisions on sibling tasks
 * (countersign) are applied one after another.
 */
@Injectable()
export class TaskActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly runner: ProcessRunner,
  ) {}

  async act(
    taskId: string,
    user: AuthUser,
    input: TaskActionInput,
  ): Promise<{ taskId: string; recordId: string }> {
    if (input.data !== undefined && Object.keys(input.data).length > 0) {
      throw new AppError(
        400,
        'field_not_editable',
        'This step allows no field changes; send the decision and a comment only.',
      );
    }
    return this.db.transaction(async (m) => {
      const done: TaskEntity[] = await m
        .query(
          `UPDATE tasks SET status = 'completed', action = $3, comment = $4, completed_at = now()
          WHERE id = $1 AND assignee_id = $2 AND status = 'open' AND kind = 'approval'
          RETURNING id, instance_id AS "instanceId", record_id AS "recordId", task_key AS "taskKey",
                    node_id AS "nodeId", node_name AS "nodeName"`,
          [taskId, user.id, input.action, input.comment ?? null],
        )
        .then((res: [TaskEntity[], number]) => res[0]);
      const task = done[0];
      if (!task) throw await this.whyNot(m, taskId, user);

      const instance = await m
        .getRepository(ProcessInstanceEntity)
        .createQueryBuilder('pi')
        .setLock('pessimistic_write')
        .where('pi.id = :id', { id: task.instanceId })
        .getOneOrFail();
      if (instance.status !== 'running')
        throw conflict('task_not_open', 'The process has already ended.');
      const form = await this.apps.publishedForm(instance.formId, instance.formVersion, m);
      if (!form.flow) throw new AppError(500, 'internal_error', 'The instance has no flow.');

      await writeRecordEvent(m, {
        recordId: task.recordId,
        instanceId: instance.id,
        type: input.action === 'approve' ? 'task_approved' : 'task_rejected',
        actorId: user.id,
        nodeId: task.nodeId,
        nodeName: task.nodeName,
        comment: input.comment ?? null,
      });
      await this.runner.signal(m, instance, form.flow, {
        type: 'task_action',
        taskKey: task.taskKey,
        action: input.action,
        userId: user.id,
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
      });
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: `task.${input.action}`,
        entityType: 'task',
        entityId: task.id,
        before: { status: 'open' },
        after: { status: 'completed', action: input.action },
      });
      return { taskId: task.id, recordId: task.recordId };
    });
  }

  /** Explains a refused action: not found, not yours, or already acted on. */
  private async whyNot(m: EntityManager, taskId: string, user: AuthUser): Promise<AppError> {
    const rows: { assignee_id: string; status: string; kind: string }[] = await m.query(
      'SELECT assignee_id, status, kind FROM tasks WHERE id = $1',
      [taskId],
    );
    const row = rows[0];
    if (!row) return notFound('The task');
    if (row.assignee_id !== user.id) return forbidden('This task is assigned to someone else.');
    if (row.kind !== 'approval')
      return conflict('task_not_actionable', 'A carbon copy takes no decision.');
    return conflict('task_not_open', `The task was already ${row.status}.`);
  }
}
