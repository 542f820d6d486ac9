import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

/**
 * Timeline lines this module adds to a record (`record_deleted`, `automation_run`), in the
 * caller's transaction. The same row shape as records' writeRecordEvent, whose type list
 * does not name these yet.
 */
export async function writeTimelineLine(
  m: EntityManager,
  line: {
    recordId: string;
    type: 'record_deleted' | 'automation_run';
    actorId: string | null;
    details: JsonObject;
  },
): Promise<void> {
  await m.query(
    `INSERT INTO record_events (id, record_id, type, actor_id, details) VALUES ($1, $2, $3, $4, $5)`,
    [randomUUID(), line.recordId, line.type, line.actorId, JSON.stringify(line.details)],
  );
}
