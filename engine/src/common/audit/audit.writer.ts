import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  actorId: string | null;
  /** `<entity>.<verb>`, e.g. `user.create`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/** Writes one audit row in the caller's transaction (secrets redacted by the entity). */
export async function writeAudit(m: EntityManager, entry: AuditEntry): Promise<void> {
  await m.getRepository(AuditLogEntity).insert({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
