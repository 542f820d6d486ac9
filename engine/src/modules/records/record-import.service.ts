import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FormDefinition, JsonObject } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest, notFound } from '../../common/errors/app-error';
import { AppsService } from '../apps/apps.service';
import { IdentityService } from '../identity/identity.service';
import { JobQueue } from '../jobs/job-queue.service';
import { JobWorker } from '../jobs/job-worker.service';
import { PermanentJobError, type ClaimedJob } from '../jobs/job.types';
import type { SheetFormat } from './record-export.service';
import { RecordsService } from './records.service';
import { readSheet } from './spreadsheet-reader';
import { fieldValueOf, headerMatches } from './spreadsheet-cells';

export interface RowError {
  /** The row in the file, counting the header as row 1. */
  row: number;
  code: string;
  message: string;
  details?: unknown[];
}

export interface ImportStatus {
  id: string;
  formId: string;
  fileName: string;
  format: SheetFormat;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  created: number;
  failed: number;
  errors: RowError[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface ImportRow {
  id: string;
  form_id: string;
  user_id: string;
  file_name: string;
  file_format: SheetFormat;
  content: Buffer | null;
  status: ImportStatus['status'];
  total: number;
  processed: number;
  created: number;
  failed: number;
  errors: RowError[];
  message: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const JOB_KIND = 'record_import';
const BATCH = 25;
const MAX_ERRORS = 1000;

function toStatus(r: ImportRow): ImportStatus {
  return {
    id: r.id,
    formId: r.form_id,
    fileName: r.file_name,
    format: r.file_format,
    status: r.status,
    total: r.total,
    processed: r.processed,
    created: r.created,
    failed: r.failed,
    errors: r.errors,
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

/** Maps the file's headers to the form's fields (key or label, either language). */
function mapHeaders(
  form: FormDefinition,
  headers: string[],
): { map: (string | null)[]; unknown: string[] } {
  const map = headers.map((h) => {
    const hit = Object.entries(form.schema.properties).find(([key, f]) => headerMatches(h, key, f));
    return hit ? hit[0] : null;
  });
  return { map, unknown: headers.filter((h, i) => map[i] === null && h !== '') };
}

/**
 * Imports of CSV and Excel files as background jobs. Every row goes through the very
 * submission the API runs (same checks, same flows, same unique fields), with an
 * idempotency key per row, so a job resumed after a crash never stores a row twice.
 * Progress is kept on the import for the page to poll.
 */
@Injectable()
export class RecordImportService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly records: RecordsService,
    private readonly identity: IdentityService,
    private readonly jobs: JobQueue,
    private readonly worker: JobWorker,
  ) {}

  onModuleInit(): void {
    this.worker.register({
      kind: JOB_KIND,
      mode: 'external',
      run: (job) => this.run(job),
    });
  }

  async start(
    formId: string,
    user: AuthUser,
    file: { name: string; format: SheetFormat; content: Buffer },
  ): Promise<ImportStatus> {
    const form = await this.apps.publishedForm(formId);
    // Read it once now: an unreadable file or one without a single known column is refused at upload.
    const sheet = await readSheet(file.content, file.format);
    if (mapHeaders(form.definition, sheet.headers).map.every((k) => k === null))
      throw badRequest(
        'no_known_columns',
        'No column of the file names a field of the form (use the field names as headers).',
      );
    const id = randomUUID();
    const row = await this.db.transaction(async (m) => {
      const rows: ImportRow[] = await m.query(
        `INSERT INTO record_imports (id, form_id, user_id, file_name, file_format, content, status, total)
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7) RETURNING *`,
        [id, formId, user.id, file.name, file.format, file.content, sheet.rows.length],
      );
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'records.import',
        entityType: 'form',
        entityId: formId,
        before: null,
        after: { importId: id, fileName: file.name, rows: sheet.rows.length },
      });
      await this.jobs.enqueue(m, {
        kind: JOB_KIND,
        key: `import:${id}`,
        payload: { importId: id },
        maxAttempts: 3,
      });
      return rows[0]!;
    });
    return toStatus(row);
  }

  async status(id: string, user: AuthUser): Promise<ImportStatus> {
    const rows: ImportRow[] = await this.db.query('SELECT * FROM record_imports WHERE id = $1', [
      id,
    ]);
    const row = rows[0];
    if (!row || (row.user_id !== user.id && !user.isAdmin)) throw notFound('The import');
    return toStatus(row);
  }

  /** The job: rows from where the last attempt stopped, progress committed per batch. */
  private async run(job: ClaimedJob): Promise<void> {
    const importId = String(job.payload.importId);
    const rows: ImportRow[] = await this.db.query('SELECT * FROM record_imports WHERE id = $1', [
      importId,
    ]);
    const imp = rows[0];
    if (!imp || imp.status === 'done' || imp.status === 'failed') return;
    const user = await this.identity.authUserById(imp.user_id);
    if (!user || !imp.content)
      throw new PermanentJobError('the importing user or the file is gone');
    let form;
    let sheet;
    try {
      form = await this.apps.publishedForm(imp.form_id);
      sheet = await readSheet(imp.content, imp.file_format);
    } catch (e) {
      await this.finish(importId, 'failed', e instanceof Error ? e.message : String(e));
      return;
    }
    const { map, unknown } = mapHeaders(form.definition, sheet.headers);
    await this.db.query(`UPDATE record_imports SET status = 'running', total = $2 WHERE id = $1`, [
      importId,
      sheet.rows.length,
    ]);
    let processed = imp.processed;
    while (processed < sheet.rows.length) {
      const batch = sheet.rows.slice(processed, processed + BATCH);
      let created = 0;
      const errors: RowError[] = [];
      for (const [offset, cells] of batch.entries()) {
        const fileRow = processed + offset + 2;
        const data: JsonObject = {};
        map.forEach((key, i) => {
          if (key === null) return;
          const value = fieldValueOf(form.definition.schema.properties[key]!, cells[i]);
          if (value !== undefined) data[key] = value as JsonObject[string];
        });
        try {
          await this.records.submit(imp.form_id, data, user, `import:${importId}:${fileRow}`);
          created += 1;
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500) throw e;
          errors.push({
            row: fileRow,
            code: e.code,
            message: e.message,
            ...(e.details ? { details: e.details.slice(0, 20) } : {}),
          });
        }
      }
      processed += batch.length;
      await this.db.query(
        `UPDATE record_imports
            SET processed = $2, created = created + $3, failed = failed + $4,
                errors = CASE WHEN jsonb_array_length(errors) >= ${MAX_ERRORS} THEN errors ELSE errors || $5::jsonb END
          WHERE id = $1`,
        [importId, processed, created, errors.length, JSON.stringify(errors)],
      );
    }
    await this.finish(
      importId,
      'done',
      unknown.length > 0 ? `Columns not imported (no such field): ${unknown.join(', ')}` : null,
    );
  }

  private async finish(
    id: string,
    status: 'done' | 'failed',
    message: string | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE record_imports SET status = $2, message = $3, finished_at = now(), content = NULL WHERE id = $1`,
      [id, status, message],
    );
  }
}
