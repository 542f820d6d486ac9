import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { isSystemField, sortExpression, type ListField } from './record-field-kinds';

const INDEX_LOCK = 7_200_001;

/**
 * Expression indexes for sorting and range filters, one per form and field, made the
 * first time a list needs one: `(value, id)` over the form's live records, so a sorted
 * page of a million records is an index range scan. The registry (`record_indexes`)
 * makes each index once across processes.
 */
@Injectable()
export class RecordIndexes {
  private readonly known = new Set<string>();
  private readonly logger = new Logger(RecordIndexes.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static indexName(formId: string, field: ListField): string {
    const hash = createHash('sha256').update(`${formId}:${field.key}:${field.kind}`).digest('hex');
    return `records_x_${hash.slice(0, 24)}`;
  }

  /** Makes sure the index behind sorting or range-filtering `field` exists. */
  async ensure(formId: string, field: ListField): Promise<void> {
    if (isSystemField(field.key)) return;
    const memo = `${formId}:${field.key}:${field.kind}`;
    if (this.known.has(memo)) return;
    const registered: unknown[] = await this.db.query(
      'SELECT 1 FROM record_indexes WHERE form_id = $1 AND field = $2 AND kind = $3',
      [formId, field.key, field.kind],
    );
    if (registered.length === 0) await this.create(formId, field);
    this.known.add(memo);
  }

  private async create(formId: string, field: ListField): Promise<void> {
    const name = RecordIndexes.indexName(formId, field);
    const expr = sortExpression(field.key, field.kind);
    if (!/^[0-9a-f-]{36}$/.test(formId)) throw new Error('form id is not a uuid');
    const embedded = this.config.databaseUrl === null;
    // CONCURRENTLY keeps writes flowing on a server; the embedded database has one connection.
    const ddl = `CREATE INDEX ${embedded ? '' : 'CONCURRENTLY'} IF NOT EXISTS ${name}
                   ON records ((${expr.replace(/\br\./g, '')}), id)
                WHERE form_id = '${formId}' AND deleted_at IS NULL`;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      if (!embedded) await runner.query('SELECT pg_advisory_lock($1)', [INDEX_LOCK]);
      const again: unknown[] = await runner.query(
        'SELECT 1 FROM record_indexes WHERE form_id = $1 AND field = $2 AND kind = $3',
        [formId, field.key, field.kind],
      );
      if (again.length > 0) return;
      // An earlier concurrent build that failed leaves an invalid index behind.
      await runner.query(
        `DO $$ BEGIN
           IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                       WHERE c.relname = '${name}' AND NOT i.indisvalid) THEN
             EXECUTE 'DROP INDEX ${name}';
           END IF;
         END $$`,
      );
      await runner.query(ddl);
      await runner.query(
        `INSERT INTO record_indexes (form_id, field, kind, index_name) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [formId, field.key, field.kind, name],
      );
      this.logger.log(`index ${name} on ${field.key} (${field.kind}) of form ${formId}`);
    } finally {
      if (!embedded)
        await runner.query('SELECT pg_advisory_unlock($1)', [INDEX_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }
}
