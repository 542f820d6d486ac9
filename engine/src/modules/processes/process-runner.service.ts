import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { FlowDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import {
  RuntimeError,
  step,
  type Effect,
  type InstanceState,
  type RuntimeEvent,
} from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { currentRequestId } from '../../common/observability/request-context';
import { FormVersionCache } from '../apps/form-version.cache';
import { DirectoryService } from '../identity/directory.service';
import {
  NotificationDispatcher,
  type NotificationRequest,
} from '../notifications/notification-dispatcher.service';
import { writeRecordEvent, type RecordEventInput } from '../records/record-event.writer';
import { BusinessClock } from './business-clock.service';
import { ProcessInstanceEntity } from './process-instance.entity';
import { RecordWriter } from './record-writer.service';
import { inStepWrites, type StepWrites } from './step-writes';
import { noticeTitle, taskNoticeMessage } from './task-notice';

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

/** Effects carried out by statements of their own (not through the step's batch). */
const DIRECT_EFFECTS = new Set<Effect['type']>(['notify', 'upsertRecords', 'incident']);

/** Who holds each task key of a state (and of the tasks a step creates): for timeline lines. */
function taskHolders(state: InstanceState | null, effects: readonly Effect[]) {
  const holders = new Map<string, { nodeId: string; assigneeId: string }>();
  for (const progress of state?.approvals ?? []) {
    for (const [taskKey, userId] of Object.entries(progress.tasks))
      holders.set(taskKey, { nodeId: progress.nodeId, assigneeId: userId });
  }
  for (const effect of effects) {
    if (effect.type === 'createTask')
      holders.set(effect.taskKey, { nodeId: effect.nodeId, assigneeId: effect.assigneeId });
  }
  return holders;
}

/** Options of `signal`. */
export interface SignalOptions {
  /** The task the event acts on gets this comment (and loses its draft) with the step. */
  comment?: { taskKey: string; text: string | null };
}

/**
 * The host around the pure interpreter: loads what `step` needs, calls it, and saves
 * what it returns — state, tasks, timers, record changes, outbox jobs and timeline
 * lines — in the caller's transaction, so one step commits exactly once or not at all.
 * External effects (webhooks) only become jobs here; the worker delivers them after
 * the commit, so none goes out for a step that rolled back.
 *
 * A step's writes go out as one statement (step-writes.ts): the instance row, its tasks,
 * jobs, record patch and timeline lines together, sent when the step is done.
 */
@Injectable()
export class ProcessRunner {
  private readonly logger = new Logger('ProcessRunner');

  constructor(
    private readonly directory: DirectoryService,
    private readonly clock: BusinessClock,
    private readonly records: RecordWriter,
    private readonly notifications: NotificationDispatcher,
    private readonly forms: FormVersionCache,
  ) {}

  /** Starts the flow of a freshly stored record. */
  start(m: EntityManager, args: StartArgs): Promise<ProcessInstanceEntity> {
    return inStepWrites(m, async (writes) => {
      // A parent's step waiting in the batch is written before its child starts.
      if (writes.holdsInstances) await writes.flush(m);
      const directory = await this.directory.snapshot(m, args.flow, args.submitterId);
      const event: RuntimeEvent = {
        type: 'start',
        record: args.data,
        submitterId: args.submitterId,
      };
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
      writes.insertInstance({
        id: instance.id,
        record_id: instance.recordId,
        form_id: instance.formId,
        form_version: instance.formVersion,
        state: instance.state,
        status: instance.status,
        outcome: instance.outcome,
        version: instance.version,
        started_by: instance.startedBy,
        parent_instance_id: instance.parentInstanceId,
        parent_token_id: instance.parentTokenId,
        wait_for_parent: instance.waitForParent,
      });
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
      await this.applyEffects(m, writes, instance, args.flow, null, result.effects);
      await writes.flush(m);
      return instance;
    });
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
  signal(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    flow: FlowDefinition,
    event: RuntimeEvent,
    options: SignalOptions = {},
  ): Promise<Effect[]> {
    return inStepWrites(m, async (writes) => {
      // Held steps of other instances may wait; one of this instance goes out first.
      if (writes.holdSteps ? writes.holdsInstance(instance.id) : writes.holdsInstances)
        await writes.flush(m);
      const directory = await this.directory.snapshot(m, flow, instance.startedBy);
      const clock = await this.clock.forManager(m);
      let result;
      try {
        result = step(flow, instance.state, event, clock, directory);
      } catch (e) {
        throw runtimeErrorToAppError(e);
      }
      const before = instance.state;
      writes.updateInstance({
        id: instance.id,
        version: instance.version,
        state: result.state,
        status: result.state.status,
        outcome: result.state.outcome ?? null,
      });
      instance.version += 1;
      instance.state = result.state;
      instance.status = result.state.status;
      instance.outcome = result.state.outcome ?? null;
      if (options.comment)
        writes.commentTask(instance.id, options.comment.taskKey, options.comment.text);
      this.logStep(instance, event.type, result.effects);
      await this.applyEffects(m, writes, instance, flow, before, result.effects);
      if (!writes.holdSteps) await writes.flush(m);
      return result.effects;
    });
  }

  private async applyEffects(
    m: EntityManager,
    writes: StepWrites,
    instance: ProcessInstanceEntity,
    flow: FlowDefinition,
    before: InstanceState | null,
    effects: Effect[],
  ): Promise<void> {
    const base = { recordId: instance.recordId, instanceId: instance.id };
    const line = (e: Omit<RecordEventInput, 'recordId' | 'instanceId'>) =>
      writeRecordEvent(m, { ...base, ...e });
    const holders = taskHolders(before, effects);
    await this.records.processEvents.publish(m, instance, effects);
    for (const effect of effects) {
      // Effects written by other modules, row by row, may name the instance: it goes first.
      if (writes.holdsInstances && DIRECT_EFFECTS.has(effect.type)) await writes.flush(m);
      switch (effect.type) {
        case 'createTask': {
          const name = nodeName(flow, effect.nodeId);
          writes.createTask({
            id: randomUUID(),
            instance_id: instance.id,
            record_id: instance.recordId,
            form_id: instance.formId,
            task_key: effect.taskKey,
            kind: effect.kind,
            node_id: effect.nodeId,
            node_name: name,
            assignee_id: effect.assigneeId,
            origin: effect.origin ?? null,
            status: 'open',
            action: null,
          });
          await line({
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
          const holder = holders.get(effect.taskKey);
          if (holder) {
            writes.closeTask(instance.id, effect.taskKey, 'cancelled', null);
            await line({
              type: 'task_cancelled',
              nodeId: holder.nodeId,
              nodeName: nodeName(flow, holder.nodeId),
              details: { assigneeId: holder.assigneeId, reason: effect.reason },
            });
          } else {
            await this.cancelUnknownTask(m, writes, instance, effect.taskKey, effect.reason);
          }
          break;
        }
        case 'completeTask':
          writes.closeTask(instance.id, effect.taskKey, 'completed', effect.action);
          break;
        case 'updateRecord':
          writes.patchRecord(instance.recordId, effect.patch);
          await line({
            type: 'record_updated',
            nodeId: effect.nodeId,
            nodeName: nodeName(flow, effect.nodeId),
            details: { patch: effect.patch },
          });
          break;
        case 'scheduleTimer':
          writes.enqueueJob({
            id: randomUUID(),
            kind: 'timer',
            idempotency_key: `${instance.id}:${effect.timerKey}`,
            instance_id: instance.id,
            payload: {
              instanceId: instance.id,
              timerKey: effect.timerKey,
              nodeId: effect.nodeId,
              kind: effect.kind,
            },
            run_at: new Date(effect.dueAt).toISOString(),
            max_attempts: 5,
            status: 'pending',
            request_id: currentRequestId(),
          });
          break;
        case 'cancelTimer':
          writes.cancelJob(`${instance.id}:${effect.timerKey}`);
          break;
        case 'callWebhook': {
          const key = `${instance.id}:${effect.idempotencyKey}`;
          writes.enqueueJob({
            id: randomUUID(),
            kind: 'webhook',
            idempotency_key: key,
            instance_id: instance.id,
            payload: {
              url: effect.url,
              method: effect.method,
              headers: effect.headers,
              body: effect.body,
              nodeId: effect.nodeId,
            },
            run_at: null,
            max_attempts: 5,
            status: 'pending',
            request_id: currentRequestId(),
          });
          await line({
            type: 'webhook_queued',
            nodeId: effect.nodeId,
            nodeName: nodeName(flow, effect.nodeId),
            details: { url: effect.url, idempotencyKey: key },
          });
          break;
        }
        case 'notify':
          await this.notify(m, instance, flow, effect);
          break;
        case 'upsertRecords': {
          const changed = await this.records.upsertFromFlow(m, instance, effect);
          await line({
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
          await line({ type: 'process_completed', details: { outcome: effect.outcome } });
          await this.resumeParent(m, writes, instance, effect.outcome);
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
          await line({
            type: 'incident',
            nodeId: effect.nodeId ?? null,
            details: { code: effect.code, message: effect.message },
          });
          break;
      }
    }
    await this.noticeNewTasks(m, writes, instance, flow, effects);
  }

  /**
   * Every task the step opened (and did not close again) puts a line in its assignee's
   * notification list, with the step: none for a step that rolled back, one per task key.
   */
  private async noticeNewTasks(
    m: EntityManager,
    writes: StepWrites,
    instance: ProcessInstanceEntity,
    flow: FlowDefinition,
    effects: Effect[],
  ): Promise<void> {
    const opened = new Map<string, Extract<Effect, { type: 'createTask' }>>();
    for (const effect of effects) {
      if (effect.type === 'createTask') opened.set(effect.taskKey, effect);
      else if (effect.type === 'cancelTask' || effect.type === 'completeTask')
        opened.delete(effect.taskKey);
    }
    if (opened.size === 0) return;
    const form = (await this.forms.get(instance.formId, instance.formVersion, m)).definition;
    const title = noticeTitle(form, instance.state.record);
    const requests: NotificationRequest[] = [...opened.values()].map((effect) => ({
      key: `${instance.id}:task:${effect.taskKey}${effect.origin === 'reopen' ? `:reopen:${effect.activation}` : ''}`,
      instanceId: instance.id,
      recordId: instance.recordId,
      nodeId: effect.nodeId,
      nodeName: nodeName(flow, effect.nodeId),
      recipients: [effect.assigneeId],
      message: taskNoticeMessage(effect, form, nodeName(flow, effect.nodeId), title),
      reason: effect.kind === 'cc' ? 'task_cc' : 'task_assigned',
    }));
    await this.notifications.notifyAssignees(m, requests, writes);
  }

  /** A task the state does not name (saved by an older runtime): cancelled by its row. */
  private async cancelUnknownTask(
    m: EntityManager,
    writes: StepWrites,
    instance: ProcessInstanceEntity,
    taskKey: string,
    reason: string,
  ): Promise<void> {
    await writes.flush(m);
    const [rows] = (await m.query(
      `UPDATE tasks SET status = 'cancelled', completed_at = now()
        WHERE instance_id = $1 AND task_key = $2 AND status = 'open' RETURNING node_id, node_name, assignee_id`,
      [instance.id, taskKey],
    )) as [{ node_id: string; node_name: I18nText; assignee_id: string }[], number];
    const row = rows[0];
    if (!row) return;
    await writeRecordEvent(m, {
      recordId: instance.recordId,
      instanceId: instance.id,
      type: 'task_cancelled',
      nodeId: row.node_id,
      nodeName: row.node_name,
      details: { assigneeId: row.assignee_id, reason },
    });
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
    writes: StepWrites,
    child: ProcessInstanceEntity,
    outcome: 'approved' | 'rejected' | 'withdrawn',
  ): Promise<void> {
    const link =
      child.parentInstanceId !== undefined
        ? child
        : await m
            .query(
              'SELECT parent_instance_id, parent_token_id, wait_for_parent FROM process_instances WHERE id = $1',
              [child.id],
            )
            .then(
              (
                rows: {
                  parent_instance_id: string | null;
                  parent_token_id: string | null;
                  wait_for_parent: boolean;
                }[],
              ) => ({
                parentInstanceId: rows[0]?.parent_instance_id ?? null,
                parentTokenId: rows[0]?.parent_token_id ?? null,
                waitForParent: rows[0]?.wait_for_parent ?? false,
              }),
            );
    if (!link.parentInstanceId || !link.parentTokenId || !link.waitForParent) return;
    // The parent is read with what this transaction wrote so far.
    await writes.flush(m);
    const parent = await m
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('pi')
      .setLock('pessimistic_write')
      .where('pi.id = :id', { id: link.parentInstanceId })
      .getOne();
    if (!parent || parent.status !== 'running') return;
    const flow = await this.records.flowOf(m, parent);
    await this.signal(m, parent, flow, {
      type: 'subprocess_completed',
      tokenId: link.parentTokenId,
      outcome,
    });
  }
}
