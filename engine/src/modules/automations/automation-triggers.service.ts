import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JsonLogicRule, JsonObject, JsonValue } from '@liuyun/definitions';
import { compileRule, isTruthy } from '@liuyun/logic';
import type { Effect } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import type { ProcessInstanceEntity } from '../processes/process-instance.entity';
import { RecordWriter } from '../processes/record-writer.service';
import { RecordChangeBus, type RecordChange } from '../records/record-change.bus';
import { AutomationRepository } from './automation.repository';
import { AutomationRunStore, type RunRequest } from './automation-run.store';
import { clockVars, databaseNow, offsetOf } from './automation-run.context';
import type { AutomationRow, AutomationTrigger, TriggerKind } from './automation.types';

const KIND_BY_CHANGE: Record<RecordChange['type'], TriggerKind> = {
  created: 'record_created',
  updated: 'record_updated',
  deleted: 'record_deleted',
};

/** Whether a trigger's condition holds on `data`; throws when the rule cannot be read. */
export function conditionHolds(rule: JsonLogicRule | undefined, data: JsonObject): boolean {
  if (rule === undefined) return true;
  return isTruthy(compileRule(rule as JsonValue)(data));
}

function changedWatched(
  trigger: Extract<AutomationTrigger, { kind: 'record_updated' }>,
  before: JsonObject,
  after: JsonObject,
): boolean {
  const fields = trigger.watchFields ?? [
    ...new Set([...Object.keys(before), ...Object.keys(after)]),
  ];
  return fields.some((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/**
 * Turns record changes and process steps into queued runs, inside the transaction that
 * made them: a change and the runs it triggers commit together or not at all.
 */
@Injectable()
export class AutomationTriggers implements OnModuleInit {
  constructor(
    private readonly changes: RecordChangeBus,
    private readonly writer: RecordWriter,
    private readonly automations: AutomationRepository,
    private readonly runs: AutomationRunStore,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe((m, change) => this.onRecordChange(m, change));
    this.writer.processEvents.subscribe((m, instance, effects) =>
      this.onProcessStep(m, instance, effects),
    );
  }

  /** Queues the run if the condition holds; logs a failed run if it cannot be read. */
  async fire(
    m: EntityManager,
    a: AutomationRow,
    req: Omit<RunRequest, 'automation'>,
    conditionData: JsonObject,
  ): Promise<string | null> {
    const full: RunRequest = { ...req, automation: { id: a.id, key: a.key } };
    const condition = 'condition' in a.trigger ? a.trigger.condition : undefined;
    let holds: boolean;
    try {
      holds = conditionHolds(condition, conditionData);
    } catch (e) {
      await this.runs.logFailure(m, full, {
        code: 'condition_failed',
        message: `the trigger condition could not be evaluated: ${e instanceof Error ? e.message : String(e)}`,
      });
      return null;
    }
    return holds ? this.runs.enqueue(m, full) : null;
  }

  async onRecordChange(m: EntityManager, change: RecordChange): Promise<void> {
    const kind = KIND_BY_CHANGE[change.type];
    const candidates = await this.automations.triggeredBy(m, change.formId, [kind]);
    if (candidates.length === 0) return;
    const before = change.before ?? {};
    const data = change.after ?? before;
    const now = await databaseNow(m);
    for (const a of candidates) {
      if (a.trigger.kind === 'record_updated' && !changedWatched(a.trigger, before, data)) continue;
      const eventKey =
        change.type === 'updated'
          ? `updated:${change.recordId}:${randomUUID()}`
          : `${change.type}:${change.recordId}`;
      await this.fire(
        m,
        a,
        {
          eventKey,
          trigger: { kind, recordId: change.recordId, actorId: change.actorId },
          recordId: change.recordId,
          input: data,
          depth: change.depth,
        },
        {
          ...data,
          $before: before,
          ...clockVars(now, offsetOf(a)),
          $actor: change.actorId,
          $recordId: change.recordId,
        },
      );
    }
  }

  async onProcessStep(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    effects: readonly Effect[],
  ): Promise<void> {
    const candidates = await this.automations.triggeredBy(m, instance.formId, [
      'process_ended',
      'process_reached_node',
    ]);
    if (candidates.length === 0) return;
    const ended = effects.find((e) => e.type === 'instanceEnded');
    const data = instance.state.record;
    const base = { recordId: instance.recordId, input: data, depth: 0 };
    for (const a of candidates) {
      const t = a.trigger;
      if (t.kind === 'process_ended' && ended?.type === 'instanceEnded') {
        if (t.outcome !== undefined && t.outcome !== ended.outcome) continue;
        await this.fire(
          m,
          a,
          {
            ...base,
            eventKey: `ended:${instance.id}`,
            trigger: { kind: t.kind, instanceId: instance.id, outcome: ended.outcome },
          },
          data,
        );
      }
      if (t.kind !== 'process_reached_node') continue;
      // The entries of this step carry its time, the latest in the path; the event key (the
      // node activation) keeps an entry once should a later step offer it again.
      const latest = instance.state.path.reduce((max, e) => (e.at > max ? e.at : max), '');
      for (const [index, entry] of instance.state.path.entries()) {
        if (entry.nodeId !== t.nodeId || entry.at !== latest) continue;
        if (new Date(entry.at) < a.updated_at) continue;
        await this.fire(
          m,
          a,
          {
            ...base,
            eventKey: `node:${instance.id}:${entry.nodeId}:${entry.activation ?? `#${index}`}`,
            trigger: { kind: t.kind, instanceId: instance.id, nodeId: entry.nodeId },
          },
          data,
        );
      }
    }
  }
}
