import type { EntityManager } from 'typeorm';
import { openWrites } from '../../modules/processes/step-writes';
import { AuditLogEntity } from './audit-log.entity';
import { redactSecrets } from './audit-redaction';

export interface AuditEntry {
  actorId: string | null;
  /** `<entity>.<verb>`, e.g. `user.create`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

const redacted = (v: object | null | undefined): object | null =>
  v === null || v === undefined ? null : (redactSecrets(v) as object);

/**
 * Writes one audit row in the caller's transaction (secrets redacted). With the
 * transaction's write batch open (step-writes.ts) the row joins the step's statement.
 */
export async function writeAudit(m: EntityManager, entry: AuditEntry): Promise<void> {
  const batch = openWrites(m);
  if (batch) {
    batch.audit({
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: redacted(entry.before),
      after: redacted(entry.after),
    });
    return;
  }
  await m.getRepository(AuditLogEntity).insert({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
