import { randomUUID } from 'node:crypto';
import type { I18nText, JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { openWrites } from '../processes/step-writes';

export type RecordEventType =
  | 'record_submitted'
  | 'process_started'
  | 'task_created'
  | 'task_approved'
  | 'task_rejected'
  | 'task_cancelled'
  | 'record_updated'
  | 'process_completed'
  | 'process_withdrawn'
  | 'process_migrated'
  | 'record_deleted'
  | 'automation_run'
  | 'task_returned'
  | 'task_transferred'
  | 'signer_added'
  | 'task_submitted'
  | 'comment'
  | 'webhook_queued'
  | 'records_written'
  | 'notified'
  | 'incident';

export interface RecordEventInput {
  recordId: string;
  instanceId?: string | null;
  type: RecordEventType;
  actorId?: string | null;
  nodeId?: string | null;
  nodeName?: I18nText | null;
  comment?: string | null;
  details?: JsonObject | null;
}

/**
 * Appends a line to a record's timeline, inside the caller's transaction (with the
 * transaction's write batch when one is open: then it is sent with the next step).
 */
export async function writeRecordEvent(m: EntityManager, e: RecordEventInput): Promise<void> {
  const batch = openWrites(m);
  if (batch) {
    batch.event({
      id: randomUUID(),
      record_id: e.recordId,
      instance_id: e.instanceId ?? null,
      type: e.type,
      actor_id: e.actorId ?? null,
      node_id: e.nodeId ?? null,
      node_name: e.nodeName ?? null,
      comment: e.comment ?? null,
      details: e.details ?? null,
    });
    return;
  }
  await m.query(
    `INSERT INTO record_events (id, record_id, instance_id, type, actor_id, node_id, node_name, comment, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      randomUUID(),
      e.recordId,
      e.instanceId ?? null,
      e.type,
      e.actorId ?? null,
      e.nodeId ?? null,
      e.nodeName ? JSON.stringify(e.nodeName) : null,
      e.comment ?? null,
      e.details ? JSON.stringify(e.details) : null,
    ],
  );
}
