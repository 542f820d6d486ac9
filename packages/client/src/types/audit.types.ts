/** One row of the audit log (`GET /api/audit`); secrets always redacted. */
export interface AuditEntry {
  /** Position in the log (a bigint, as text). */
  seq: string;
  at: string;
  /** Null for the system (jobs, timers, the first start). */
  actor: { id: string; username: string; displayName: string } | null;
  /** `<entity>.<verb>`, e.g. `user.create`. */
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `after` for older rows; null on the last page. */
  nextAfter: string | null;
}

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** An action (`user.create`) or a prefix ending in `*` (`user.*`). */
  action?: string;
  /** ISO 8601 instant, inclusive. */
  from?: string;
  /** ISO 8601 instant, exclusive. */
  to?: string;
  limit?: number;
  after?: string;
}
