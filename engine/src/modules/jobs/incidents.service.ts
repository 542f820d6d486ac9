import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { conflict, notFound } from '../../common/errors/app-error';
import { JobQueue } from './job-queue.service';

export interface IncidentView {
  id: string;
  code: string;
  message: string;
  status: 'open' | 'resolved';
  jobId: string | null;
  instanceId: string | null;
  recordId: string | null;
  nodeId: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

interface IncidentRow {
  id: string;
  code: string;
  message: string;
  status: 'open' | 'resolved';
  job_id: string | null;
  instance_id: string | null;
  record_id: string | null;
  node_id: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

const toView = (r: IncidentRow): IncidentView => ({
  id: r.id,
  code: r.code,
  message: r.message,
  status: r.status,
  jobId: r.job_id,
  instanceId: r.instance_id,
  recordId: r.record_id,
  nodeId: r.node_id,
  createdAt: r.created_at.toISOString(),
  resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
});

/** Failures that need a person: listed for admins, and retried on their word. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
  ) {}

  async list(status: 'open' | 'resolved' | 'all'): Promise<IncidentView[]> {
    const rows: IncidentRow[] = await this.db.query(
      `SELECT * FROM incidents WHERE ($1 = 'all' OR status = $1) ORDER BY created_at DESC, id LIMIT 500`,
      [status],
    );
    return rows.map(toView);
  }

  /** Gives the failed job a fresh set of attempts and closes the incident, once. */
  async retry(id: string, user: AuthUser): Promise<IncidentView> {
    return this.db.transaction(async (m) => {
      const rows: IncidentRow[] = await m.query(
        'SELECT * FROM incidents WHERE id = $1 FOR UPDATE',
        [id],
      );
      const incident = rows[0];
      if (!incident) throw notFound('The incident');
      if (incident.status !== 'open')
        throw conflict('incident_not_open', 'The incident was already resolved.');
      if (!incident.job_id || !(await this.queue.reopen(m, incident.job_id))) {
        throw conflict(
          'incident_not_retryable',
          'There is no failed job behind this incident to run again.',
        );
      }
      const updated: IncidentRow[] = await m
        .query(
          `UPDATE incidents SET status = 'resolved', resolved_at = now(), resolved_by = $2 WHERE id = $1 RETURNING *`,
          [id, user.id],
        )
        .then((res: [IncidentRow[], number]) => res[0]);
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'incident.retry',
        entityType: 'incident',
        entityId: id,
        before: { status: 'open' },
        after: { status: 'resolved', jobId: incident.job_id },
      });
      return toView(updated[0]!);
    });
  }
}
