import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { FlowDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import { RuntimeError, step, type Effect, type RuntimeEvent } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { AppError, conflict } from '../../common/errors/app-error';
import { DirectoryService } from '../identity/directory.service';
import { JobQueue } from '../jobs/job-queue.service';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.service';
import { writeRecordEvent } from '../records/record-event.writer';
import { BusinessClock } from './business-clock.service';
import { ProcessInstanceEntity } from './process-instance.entity';
import { RecordWriter } from './record-writer.service';

function nodeName(flow: FlowDefinition, nodeId: string): I18nText {
  return flow.nodes.find((n) => n.id === nodeId)?.name ?? { zh: nodeId, en: nodeId };
}

/** Runtime refusals answer as conflicts: the instance is not where the request thought. */
export function runtimeErrorToAppError(e: unknown): unknown {
  if (e instanceof RuntimeError) return new AppError(409, e.code, e.message);
  return e;
}

export interface StartArgs {
  recordId: string;
  formId: string;
  formVersion: number;
  flow: FlowDefinition;
  data: JsonObject;
  submitterId: string;
  parent?: { instanceId: string; tokenId: string; waitForOutcome: boolean };
}

/**
 * The host around the pure interpreter: loads what `step` needs, calls it, and saves
 * what it returns — state, tasks, timers, record changes, outbox jobs and timeline
 * lines — in the caller's transaction, so one step commits exactly once or not at all.
 * External effects (webhooks) only become jobs here; the worker delivers them after
 * the commit, so none goes out for a step that rolled back.
 */
@Injectable()
export class ProcessRunner {
  private readonly logger = new Logger('ProcessRunner');

  constructor(
    private readonly directory: DirectoryService,
    private readonly jobs: JobQueue,
    private readonly clock: BusinessClock,
    private readonly records: RecordWriter,
    private readonly notifications: NotificationDispatcher,
  ) {}

  /** Starts the flow of a freshly stored record. */
  async start(m: EntityManager, args: StartArgs): Promise<ProcessInstanceEntity> {
    const directory = await this.directory.snapshot(m, args.flow, args.submitterId);
    const event: RuntimeEvent = { type: 'start', record: args.data, submitterId: args.submitterId };
    const clock = await this.clock.forManager(m);
    const result = step(args.flow, null, event, clock, directory);
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
      parentInstanceId: args.parent?.instanceId ?? null,
      parentTokenId: args.parent?.tokenId ?? null,
      waitForParent: args.parent?.waitForOutcome ?? false,
    });
    await m.query(
      `INSERT INTO process_instances (id, record_id, form_id, form_version, state, status, outcome, version,
                                      started_by, parent_instance_id, parent_token_id, wait_for_parent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
        instance.parentInstanceId,
        instance.parentTokenId,
        instance.waitForParent,
      ],
    );
    await writeRecordEvent(m, {
      recordId: args.recordId,
      instanceId: instance.id,
      type: 'process_started',
      actorId: args.submitterId,
      details: {
        flow: args.flow.key,
        ...(args.parent ? { parentInstanceId: args.parent.instanceId } : {}),
      },
    });
    this.logStep(instance, 'start', result.effects);
    await this.applyEffects(m, instance, args.flow, result.effects);
    return instance;
  }

  /** One debug line per step; it carries the request (or job) id of the work in progress. */
  private logStep(instance: ProcessInstanceEntity, event: string, effects: Effect[]): void {
    this.logger.debug({
      msg: 'process step',
      instanceId: instance.id,
      recordId: instance.recordId,
      event,
      status: instance.status,
      effects: effects.map((e) => e.type),
    });
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
  ): Promise<Effect[]> {
    const directory = await this.directory.snapshot(m, flow, instance.startedBy);
    const clock = await this.clock.forManager(m);
    let result;
    try {
      result = step(flow, instance.state, event, clock, directory);
    } catch (e) {
      throw runtimeErrorToAppError(e);
    }
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
    instance.status = result.state.status;
    instance.outcome = result.state.outcome ?? null;
    this.logStep(instance, event.type, result.effects);
    await this.applyEffects(m, instance, flow, result.effects);
    return result.effects;
  }

  private async applyEffects(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    flow: FlowDefinition,
    effects: Effect[],
  ): Promise<void> {
    const base = { recordId: instance.recordId, instanceId: instance.id };
    await this.records.processEvents.publish(m, instance, effects);
    for (const effect of effects) {
      switch (effect.type) {
        case 'createTask': {
          const name = nodeName(flow, effect.nodeId);
          await m.query(
            `INSERT INTO tasks (id, instance_id, record_id, form_id, task_key, kind, node_id, node_name,
                                assignee_id, status, origin)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10)
             ON CONFLICT (instance_id, task_key) DO UPDATE SET status = 'open', assignee_id = EXCLUDED.assignee_id,
               action = NULL, comment = NULL, completed_at = NULL, origin = EXCLUDED.origin`,
            [
              randomUUID(),
              instance.id,
              instance.recordId,
              instance.formId,
              effect.taskKey,
              effect.kind,
              effect.nodeId,
              JSON.stringify(name),
              effect.assigneeId,
              effect.origin ?? null,
            ],
          );
          await writeRecordEvent(m, {
            ...base,
            type: 'task_created',
            nodeId: effect.nodeId,
            nodeName: name,
            details: {
              assigneeId: effect.assigneeId,
              kind: effect.kind,
              ...(effect.origin ? { origin: effect.origin } : {}),
            },
          });
          break;
        }
        case 'cancelTask': {
          const rows: { node_id: string; node_name: I18nText; assignee_id: string }[] = await m
            .query(
              `UPDATE tasks SET status = 'cancelled', completed_at = now()
                WHERE instance_id = $1 AND task_key = $2 AND status = 'open' RETURNING node_id, node_name, assignee_id`,
              [instance.id, effect.taskKey],
            )
            .then(
              (res: [{ node_id: string; node_name: I18nText; assignee_id: string }[], number]) =>
                res[0],
            );
          const row = rows[0];
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
        case 'scheduleTimer':
          await this.jobs.enqueue(m, {
            kind: 'timer',
            key: `${instance.id}:${effect.timerKey}`,
            instanceId: instance.id,
            runAt: new Date(effect.dueAt),
            payload: {
              instanceId: instance.id,
              timerKey: effect.timerKey,
              nodeId: effect.nodeId,
              kind: effect.kind,
            },
          });
          break;
        case 'cancelTimer':
          await m.query(
            `UPDATE jobs SET status = 'cancelled', updated_at = now() WHERE idempotency_key = $1 AND status = 'pending'`,
            [`${instance.id}:${effect.timerKey}`],
          );
          break;
        case 'callWebhook':
          await this.jobs.enqueue(m, {
            kind: 'webhook',
            key: `${instance.id}:${effect.idempotencyKey}`,
            instanceId: instance.id,
            payload: {
              url: effect.url,
              method: effect.method,
              headers: effect.headers,
              body: effect.body,
              nodeId: effect.nodeId,
            },
          });
          await writeRecordEvent(m, {
            ...base,
            type: 'webhook_queued',
            nodeId: effect.nodeId,
            nodeName: nodeName(flow, effect.nodeId),
            details: { url: effect.url, idempotencyKey: `${instance.id}:${effect.idempotencyKey}` },
          });
          break;
        case 'notify':
          await this.notify(m, instance, flow, effect);
          break;
        case 'upsertRecords': {
          const changed = await this.records.upsertFromFlow(m, instance, effect);
          await writeRecordEvent(m, {
            ...base,
            type: 'records_written',
            nodeId: effect.nodeId,
            nodeName: nodeName(flow, effect.nodeId),
            details: { form: effect.form, mode: effect.mode, recordIds: changed },
          });
          break;
        }
        case 'startSubprocess': {
          const child = await this.records.createForSubprocess(m, instance, effect);
          await this.start(m, {
            recordId: child.recordId,
            formId: child.formId,
            formVersion: child.formVersion,
            flow: child.flow,
            data: child.data,
            submitterId: instance.startedBy,
            parent: {
              instanceId: instance.id,
              tokenId: effect.tokenId,
              waitForOutcome: effect.waitForOutcome,
            },
          });
          break;
        }
        case 'instanceEnded':
          await writeRecordEvent(m, {
            ...base,
            type: 'process_completed',
            details: { outcome: effect.outcome },
          });
          await this.resumeParent(m, instance, effect.outcome);
          break;
        case 'incident':
          await m.query(
            `INSERT INTO incidents (id, code, message, instance_id, record_id, node_id) VALUES ($1, $2, $3, $4, $5, $6)`,
            [
              randomUUID(),
              effect.code,
              effect.message,
              instance.id,
              instance.recordId,
              effect.nodeId ?? null,
            ],
          );
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

  /**
   * In-app notifications plus one outbox job per external delivery (e-mail, chat
   * robots), once per recipient and key: a replayed step adds none.
   */
  private async notify(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    flow: FlowDefinition,
    effect: Extract<Effect, { type: 'notify' }>,
  ): Promise<void> {
    await this.notifications.dispatch(m, {
      key: `${instance.id}:${effect.idempotencyKey}`,
      instanceId: instance.id,
      recordId: instance.recordId,
      nodeId: effect.nodeId,
      nodeName: nodeName(flow, effect.nodeId),
      recipients: effect.recipients,
      message: effect.message,
      ...(effect.channels ? { channels: effect.channels } : {}),
      reason: effect.reason,
    });
  }

  /** A child flow that ended tells its waiting parent, in the same transaction. */
  private async resumeParent(
    m: EntityManager,
    child: ProcessInstanceEntity,
    outcome: 'approved' | 'rejected' | 'withdrawn',
  ): Promise<void> {
    const rows: {
      parent_instance_id: string | null;
      parent_token_id: string | null;
      wait_for_parent: boolean;
    }[] = await m.query(
      'SELECT parent_instance_id, parent_token_id, wait_for_parent FROM process_instances WHERE id = $1',
      [child.id],
    );
    const link = rows[0];
    if (!link?.parent_instance_id || !link.parent_token_id || !link.wait_for_parent) return;
    const parent = await m
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('pi')
      .setLock('pessimistic_write')
      .where('pi.id = :id', { id: link.parent_instance_id })
      .getOne();
    if (!parent || parent.status !== 'running') return;
    const flow = await this.records.flowOf(m, parent);
    await this.signal(m, parent, flow, {
      type: 'subprocess_completed',
      tokenId: link.parent_token_id,
      outcome,
    });
  }
}
