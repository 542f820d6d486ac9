import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PublishedFormCache } from '../apps/published-form.cache';
import { RecordChangeBus, type RecordChange } from '../records/record-change.bus';
import { changedFields } from '../records/record-changes';
import { startsOnChange, startsOnCreate } from '../records/records.service';
import { ProcessRunner } from './process-runner.service';

/**
 * Records written by automations start their form's flow as a person's write would:
 * a created record starts a `form_submit` flow (or a `record_change` flow marked
 * `onCreate`), an update starts a `record_change` flow whose watched fields changed and
 * whose condition holds. Only automation writes
 * (depth > 0) are taken here: people's writes start flows in RecordsService, and
 * processes start the sub-process records they create themselves. The flow starts in
 * the writing transaction, as the record's submitter, unless one already runs on it.
 */
@Injectable()
export class AutomationWrittenFlows implements OnModuleInit {
  constructor(
    private readonly changes: RecordChangeBus,
    private readonly publishedForms: PublishedFormCache,
    private readonly runner: ProcessRunner,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe((m, change) => this.onChange(m, change));
  }

  private async onChange(m: EntityManager, change: RecordChange): Promise<void> {
    if (change.depth === 0 || change.actorId !== null || !change.after) return;
    if (change.type === 'deleted') return;
    const form = await this.publishedForms.get(change.formId, m);
    const flow = form.flow;
    if (!flow) return;
    const starts =
      change.type === 'created'
        ? startsOnCreate(flow, change.after)
        : startsOnChange(
            flow,
            change.before ?? {},
            change.after,
            changedFields(change.before ?? {}, change.after).map((c) => c.field),
          );
    if (!starts) return;
    const rows: { created_by: string }[] = await m.query(
      'SELECT created_by FROM records WHERE id = $1 FOR UPDATE',
      [change.recordId],
    );
    const running: unknown[] = await m.query(
      `SELECT id FROM process_instances WHERE record_id = $1 AND status = 'running' LIMIT 1`,
      [change.recordId],
    );
    const submitterId = rows[0]?.created_by;
    if (!submitterId || running.length > 0) return;
    await this.runner.start(m, {
      recordId: change.recordId,
      formId: change.formId,
      formVersion: form.version,
      flow,
      data: change.after,
      submitterId,
    });
  }
}
