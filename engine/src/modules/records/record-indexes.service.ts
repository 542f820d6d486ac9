import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { isSystemField, sortExpression, type ListField } from './record-field-kinds';

const INDEX_LOCK = 7_200_001;

/** How many list-shaped indexes (see `listIndex`) one form gets at most. */
export const MAX_LIST_INDEXES_PER_FORM = 12;

/** An index the registry knows by (form, field, kind). */
interface IndexSpec {
  field: string;
  kind: string;
  /** SQL expressions over a `records` row aliased `r`, in index column order. */
  columns: string[];
}

/**
 * A list's own index: its equality filters on choice fields, then its sort, then the
 * ranges it filters by — `(choice…, sort, id, range…)` — so the page is read in order
 * from the index and every row failing a range is skipped inside it, without a visit to
 * the table. Null when the single-field sort index serves the list as well.
 */
export function listIndex(
  sort: ListField,
  equalities: readonly ListField[],
  ranges: readonly ListField[],
): IndexSpec | null {
  const eq = [...new Map(equalities.map((f) => [f.key, f])).values()]
    .filter((f) => !f.system && f.kind === 'choice' && f.key !== sort.key)
    .sort((a, b) => a.key.localeCompare(b.key));
  const range = [...new Map(ranges.map((f) => [f.key, f])).values()]
    .filter((f) => !f.system && f.key !== sort.key)
    .sort((a, b) => a.key.localeCompare(b.key));
  if (eq.length === 0 && range.length === 0) return null;
  const part = (f: ListField, role: string) => `${f.key}:${f.kind}:${role}`;
  const field = [
    ...eq.map((f) => part(f, 'eq')),
    part(sort, 'sort'),
    ...range.map((f) => part(f, 'range')),
  ].join(',');
  return {
    field,
    kind: 'list',
    columns: [
      ...eq.map((f) => sortExpression(f.key, f.kind)),
      sortExpression(sort.key, sort.kind),
      'r.id',
      ...range.map((f) => sortExpression(f.key, f.kind)),
    ],
  };
}

/**
 * Expression indexes for sorting and filtering, made the first time a list needs one:
 * per form and field `(value, id)` over the form's live records, so a sorted page of a
 * million records is an index range scan; and per list shape (`listIndex`) one with the
 * list's equality and range filters around the sort, so a filtered page is too. The
 * registry (`record_indexes`: a list index has kind `list` and its column roles in
 * `field`) makes each index once across processes.
 */
@Injectable()
export class RecordIndexes {
  private readonly known = new Set<string>();
  private readonly logger = new Logger(RecordIndexes.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static indexName(formId: string, field: { key: string; kind: string }): string {
    const hash = createHash('sha256').update(`${formId}:${field.key}:${field.kind}`).digest('hex');
    return `records_x_${hash.slice(0, 24)}`;
  }

  /** Makes sure the index behind sorting or range-filtering `field` exists. */
  async ensure(formId: string, field: ListField): Promise<void> {
    if (isSystemField(field.key)) return;
    await this.ensureSpec(formId, {
      field: field.key,
      kind: field.kind,
      columns: [sortExpression(field.key, field.kind), 'r.id'],
    });
  }

  /** Makes sure the index of a list shape (`listIndex`) exists, within the form's quota. */
  async ensureList(formId: string, spec: IndexSpec): Promise<void> {
    await this.ensureSpec(formId, spec, MAX_LIST_INDEXES_PER_FORM);
  }

  private async ensureSpec(formId: string, spec: IndexSpec, quota?: number): Promise<void> {
    const memo = `${formId}:${spec.field}:${spec.kind}`;
    if (this.known.has(memo)) return;
    const registered: unknown[] = await this.db.query(
      'SELECT 1 FROM record_indexes WHERE form_id = $1 AND field = $2 AND kind = $3',
      [formId, spec.field, spec.kind],
    );
    if (registered.length > 0) {
      this.known.add(memo);
      return;
    }
    // An index only speeds the list up: if it cannot be made now, the list runs without it.
    try {
      if (await this.create(formId, spec, quota)) this.known.add(memo);
    } catch (error) {
      this.logger.warn(
        `index on ${spec.field} (${spec.kind}) of form ${formId} not made now: ${String(error)}`,
      );
    }
  }

  /**
   * Statistics on the index's expressions, so the planner estimates its filters from the
   * data: Postgres takes no statistics from a partial index, and without them it guesses
   * 0.5% for an equality and a third for a range, then prefers a bitmap of every match
   * sorted in memory to reading the index in order (331 ms against 1.6 ms at 100k rows).
   * One object per set of expressions, shared by the forms; the data column is analysed
   * at once so the first list already has them.
   */
  private async createStatistics(
    runner: { query(sql: string): Promise<unknown> },
    spec: IndexSpec,
  ): Promise<void> {
    const exprs = spec.columns
      .filter((c) => c.includes('r.data'))
      .map((c) => c.replace(/\br\./g, ''));
    if (exprs.length === 0) return;
    const hash = createHash('sha256').update(exprs.join(',')).digest('hex');
    await runner.query(
      `CREATE STATISTICS IF NOT EXISTS records_s_${hash.slice(0, 24)}
         ON ${exprs.map((e) => `(${e})`).join(', ')} FROM records`,
    );
    await runner.query('ANALYZE records (data)');
  }

  /**
   * Builds the index unless another process or request is building one (then false: the
   * caller asks again next time). The lock is only tried, never waited for: a CREATE INDEX
   * CONCURRENTLY waits for every open statement, a waiting lock statement among them, so
   * waiting here would deadlock with the builder.
   */
  private async create(formId: string, spec: IndexSpec, quota?: number): Promise<boolean> {
    const name = RecordIndexes.indexName(formId, { key: spec.field, kind: spec.kind });
    if (!/^[0-9a-f-]{36}$/.test(formId)) throw new Error('form id is not a uuid');
    const embedded = this.config.databaseUrl === null;
    const columns = spec.columns.map((c) => (c === 'r.id' ? 'id' : `(${c.replace(/\br\./g, '')})`));
    // CONCURRENTLY keeps writes flowing on a server; the embedded database has one connection.
    const ddl = `CREATE INDEX ${embedded ? '' : 'CONCURRENTLY'} IF NOT EXISTS ${name}
                   ON records (${columns.join(', ')})
                WHERE form_id = '${formId}' AND deleted_at IS NULL`;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let locked = false;
    try {
      if (!embedded) {
        const got: { ok: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS ok', [
          INDEX_LOCK,
        ]);
        locked = got[0]?.ok === true;
        if (!locked) return false;
      }
      const again: unknown[] = await runner.query(
        'SELECT 1 FROM record_indexes WHERE form_id = $1 AND field = $2 AND kind = $3',
        [formId, spec.field, spec.kind],
      );
      if (again.length > 0) return true;
      if (quota !== undefined) {
        const made: { n: number }[] = await runner.query(
          'SELECT count(*)::int AS n FROM record_indexes WHERE form_id = $1 AND kind = $2',
          [formId, spec.kind],
        );
        // Past the quota the list runs on the single-field indexes, as before.
        if ((made[0]?.n ?? 0) >= quota) return true;
      }
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
      await this.createStatistics(runner, spec);
      await runner.query(
        `INSERT INTO record_indexes (form_id, field, kind, index_name) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [formId, spec.field, spec.kind, name],
      );
      this.logger.log(`index ${name} on ${spec.field} (${spec.kind}) of form ${formId}`);
      return true;
    } finally {
      if (locked)
        await runner.query('SELECT pg_advisory_unlock($1)', [INDEX_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }
}
