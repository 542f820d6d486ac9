import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FlowDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import { step, type Clock, type Effect, type RuntimeEvent } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { conflict } from '../../common/errors/app-error';
import { DirectoryService } from '../identity/directory.service';
import { writeRecordEvent } from '../records/record-event.writer';
import { ProcessInstanceEntity } from './process-instance.entity';
import { TaskEntity } from './task.entity';

const systemClock: Clock = { now: () => new Date().toISOString() };

function nodeName(flow: FlowDefinition, nodeId: string): I18nText {
  return flow.nodes.find((n) => n.id === nodeId)?.name ?? { zh: nodeId, en: nodeId };
}

/**
 * The host around the pure interpreter: loads what `step` needs, calls it, and saves
 * what it returns — state, tasks, record updates and timeline lines — in the caller's
 * transaction, so one step commits exactly once or not at all.
 */
@Injectable()
export class ProcessRunner {
  constructor(private readonly directory: DirectoryService) {}

  /** Starts the flow of a freshly submitted record. */
  async start(
    m: EntityManager,
    args: {
      recordId: string;
      formId: string;
      formVersion: number;
      flow: FlowDefinition;
      data: JsonObject;
      submitterId: string;
    },
  ): Promise<ProcessInstanceEntity> {
    const directory = await this.directory.snapshot(m, args.flow, args.submitterId);
    const event: RuntimeEvent = { type: 'start', record: args.data, submitterId: args.submitterId };
    const result = step(args.flow, null, event, systemClock, directory);
    const instance: ProcessInstanceEntity = Object.assign(new ProcessInstanceEntity(), {
      id: randomUUID(),
      recordId: args.recordId,
      formId: args.formId,
      formVersion: args.formVersion,
      state: result.state,
      status: result.state.status,
      outcome: result.state.outcome ?? null,
      version: 1,
      startedBy: args.submitterId,
    });
    await m.query(
      `INSERT INTO process_instances (id, record_id, form_id, form_version, state, status, outcome, version, started_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        instance.id,
        instance.recordId,
        instance.formId,
        instance.formVersion,
        JSON.stringify(instance.state),
        instance.status,
        instance.outcome,
        instance.version,
        instance.startedBy,
      ],
    );
    await writeRecordEvent(m, {
      recordId: args.recordId,
      instanceId: instance.id,
      type: 'process_started',
      actorId: args.submitterId,
      details: { flow: args.flow.key },
    });
    await this.applyEffects(m, instance, args.flow, result.effects);
    return instance;
  }

  /**
   * Feeds an event to a running instance. The caller holds the instance row lock;
   * the version check makes a lost update impossible even without it.
   */
  async signal(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    flow: FlowDefinition,
    event: RuntimeEvent,
  ): Promise<void> {
    const directory = await this.directory.snapshot(m, flow, instance.startedBy);
    const result = step(flow, instance.state, event, systemClock, directory);
    const [, affected] = (await m.query(
      `UPDATE process_instances SET state = $3, status = $4, outcome = $5, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [
        instance.id,
        instance.version,
        JSON.stringify(result.state),
        result.state.status,
        result.state.outcome ?? null,
      ],
    )) as [unknown, number];
    if (affected !== 1)
      throw conflict('conflict', 'The process moved on meanwhile; reload and try again.');
    instance.version += 1;
    instance.state = result.state;
    await this.applyEffects(m, instance, flow, result.effects);
  }

  private async applyEffects(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    flow: FlowDefinition,
    effects: Effect[],
  ): Promise<void> {
    const tasks = m.getRepository(TaskEntity);
    const base = { recordId: instance.recordId, instanceId: instance.id };
    for (const effect of effects) {
      switch (effect.type) {
        case 'createTask': {
          const name = nodeName(flow, effect.nodeId);
          await tasks.insert({
            id: randomUUID(),
            instanceId: instance.id,
            recordId: instance.recordId,
            formId: instance.formId,
            taskKey: effect.taskKey,
            kind: 'approval',
            nodeId: effect.nodeId,
            nodeName: name,
            assigneeId: effect.assigneeId,
            status: 'open',
            action: null,
            comment: null,
            completedAt: null,
          });
          await writeRecordEvent(m, {
            ...base,
            type: 'task_created',
            nodeId: effect.nodeId,
            nodeName: name,
            details: { assigneeId: effect.assigneeId },
          });
          break;
        }
        case 'cancelTask': {
          const res = await m.query(
            `UPDATE tasks SET status = 'cancelled', completed_at = now()
              WHERE instance_id = $1 AND task_key = $2 AND status = 'open' RETURNING node_id, node_name, assignee_id`,
            [instance.id, effect.taskKey],
          );
          const row = (
            res as [{ node_id: string; node_name: I18nText; assignee_id: string }[], number]
          )[0][0];
          if (row) {
            await writeRecordEvent(m, {
              ...base,
              type: 'task_cancelled',
              nodeId: row.node_id,
              nodeName: row.node_name,
              details: { assigneeId: row.assignee_id, reason: effect.reason },
            });
          }
          break;
        }
        case 'completeTask':
          // The task action service completed the row (with its comment) under a lock
          // before signalling; this keeps replays of the same step harmless.
          await m.query(
            `UPDATE tasks SET status = 'completed', action = $3, completed_at = now()
              WHERE instance_id = $1 AND task_key = $2 AND status = 'open'`,
            [instance.id, effect.taskKey, effect.action],
          );
          break;
        case 'updateRecord':
          await m.query(
            `UPDATE records SET data = data || $2::jsonb, version = version + 1, updated_at = now() WHERE id = $1`,
            [instance.recordId, JSON.stringify(effect.patch)],
          );
          await writeRecordEvent(m, {
            ...base,
            type: 'record_updated',
            nodeId: effect.nodeId,
            nodeName: nodeName(flow, effect.nodeId),
            details: { patch: effect.patch },
          });
          break;
        case 'instanceEnded':
          await writeRecordEvent(m, {
            ...base,
            type: 'process_completed',
            details: { outcome: effect.outcome },
          });
          break;
        case 'incident':
          await writeRecordEvent(m, {
            ...base,
            type: 'incident',
            nodeId: effect.nodeId ?? null,
            details: { code: effect.code, message: effect.message },
          });
          break;
      }
    }
  }
}
