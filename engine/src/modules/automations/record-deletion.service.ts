import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { conflict, forbidden, notFound } from '../../common/errors/app-error';
import { AccessService } from '../access/access.service';
import { RecordChangeBus } from '../records/record-change.bus';
import { writeTimelineLine } from './automation-timeline.writer';

/**
 * Deletes records. A deletion is a tombstone (`deleted_at`): the record's timeline,
 * tasks and audit trail stay, and `record_deleted` automations see the last data.
 */
@Injectable()
export class RecordDeletion {
  constructor(
    private readonly db: DataSource,
    private readonly changes: RecordChangeBus,
    private readonly access: AccessService,
  ) {}

  /**
   * Deletes one record in the caller's transaction and announces it with `depth`.
   * False when it was already deleted. A record whose process still runs is refused.
   */
  async softDelete(
    m: EntityManager,
    recordId: string,
    actorId: string | null,
    depth: number,
    details: JsonObject = {},
  ): Promise<boolean> {
    const running: unknown[] = await m.query(
      `SELECT 1 FROM process_instances WHERE record_id = $1 AND status = 'running' LIMIT 1`,
      [recordId],
    );
    if (running.length > 0)
      throw conflict(
        'record_has_running_process',
        'The record has a running process; withdraw or finish it before deleting the record.',
      );
    const rows: { form_id: string; data: JsonObject }[] = await m
      .query(
        `UPDATE records SET deleted_at = now(), deleted_by = $2, version = version + 1
          WHERE id = $1 AND deleted_at IS NULL RETURNING form_id, data`,
        [recordId, actorId],
      )
      .then((res: [{ form_id: string; data: JsonObject }[], number]) => res[0]);
    const row = rows[0];
    if (!row) return false;
    await writeTimelineLine(m, { recordId, type: 'record_deleted', actorId, details });
    await this.changes.publish(m, {
      type: 'deleted',
      formId: row.form_id,
      recordId,
      before: row.data,
      after: null,
      actorId,
      depth,
    });
    return true;
  }

  /** DELETE /api/records/{id}: the submitter or an admin, with an audit row. */
  async deleteByUser(recordId: string, user: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      const answer = await this.access.record(user, recordId, 'delete', m);
      if (answer === 'not_found') throw notFound('The record');
      if (answer === 'forbidden') throw forbidden('You may not delete this record.');
      const rows: { created_by: string; data: JsonObject }[] = await m.query(
        `SELECT r.created_by, r.data FROM records r
          WHERE r.id = $1 AND r.deleted_at IS NULL FOR UPDATE OF r`,
        [recordId],
      );
      const row = rows[0];
      if (!row) throw notFound('The record');
      if (!(await this.softDelete(m, recordId, user.id, 0))) throw notFound('The record');
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'record.delete',
        entityType: 'record',
        entityId: recordId,
        before: row.data,
        after: null,
      });
    });
  }
}
