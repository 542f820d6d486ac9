import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { redactSecrets } from '../../common/audit/audit-redaction';

/** One audit row as administrators read it. */
export interface AuditEntryView {
  /** The row's position in the log (a bigint, as text). */
  seq: string;
  at: string;
  /** Who did it; null for the system (jobs, timers, the first start). */
  actor: { id: string; username: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** An exact action (`user.create`) or every action of a prefix (`user.*`). */
  action?: string;
  /** From this instant on (inclusive). */
  from?: Date;
  /** Before this instant (exclusive). */
  to?: Date;
  limit: number;
  /** Rows older than this seq (the list runs newest first). */
  before?: string;
}

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  username: string | null;
  display_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Reads the audit log newest first, filtered, a page at a time (keyset on seq). Secrets
 * were redacted when the rows were written; they are redacted again on the way out, so
 * a row written by any path never shows one.
 */
@Injectable()
export class AuditQueryService {
  constructor(private readonly db: DataSource) {}

  async list(filter: AuditFilter): Promise<{ items: AuditEntryView[]; nextAfter: string | null }> {
    const params: unknown[] = [filter.limit + 1];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.actorId) add((p) => `a.actor_id = ${p}`, filter.actorId);
    if (filter.entityType) add((p) => `a.entity_type = ${p}`, filter.entityType);
    if (filter.entityId) add((p) => `a.entity_id = ${p}`, filter.entityId);
    if (filter.action?.endsWith('*'))
      add((p) => `a.action LIKE ${p}`, `${escapeLike(filter.action.slice(0, -1))}%`);
    else if (filter.action) add((p) => `a.action = ${p}`, filter.action);
    if (filter.from) add((p) => `a.at >= ${p}`, filter.from.toISOString());
    if (filter.to) add((p) => `a.at < ${p}`, filter.to.toISOString());
    if (filter.before) add((p) => `a.seq < ${p}::bigint`, filter.before);
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.seq::text AS seq, a.at, a.actor_id, u.username, u.display_name, a.action,
              a.entity_type, a.entity_id, a.before, a.after
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.seq DESC LIMIT $1`,
      params,
    );
    const page = rows.slice(0, filter.limit).map(toView);
    return {
      items: page,
      nextAfter: rows.length > filter.limit ? (page[page.length - 1]?.seq ?? null) : null,
    };
  }
}

function toView(r: AuditRow): AuditEntryView {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor:
      r.actor_id === null
        ? null
        : { id: r.actor_id, username: r.username ?? '', displayName: r.display_name ?? '' },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before === null ? null : redactSecrets(r.before),
    after: r.after === null ? null : redactSecrets(r.after),
  };
}
