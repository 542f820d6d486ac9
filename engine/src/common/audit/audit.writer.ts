import type { EntityManager } from 'typeorm';
import { openWrites } from '../../modules/processes/step-writes';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: object | null;
  after: object | null;
}

/**
 * Writes an audit row in the caller's transaction (with the transaction's write batch
 * when one is open, so it commits in the same statement as the step it records).
 */
export async function writeAudit(m: EntityManager, entry: AuditEntry): Promise<void> {
  const batch = openWrites(m);
  if (batch) {
    batch.audit({
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before,
      after: entry.after,
    });
    return;
  }
  await m.getRepository(AuditLogEntity).insert(entry);
}
