import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest } from '../../common/errors/app-error';
import { AppsService, type PublishedForm } from '../apps/apps.service';
import type { FormAction } from '../../common/policy/route-policy';
import { AccessService } from '../access/access.service';
import { RecordIndexes, listIndex } from './record-indexes.service';
import { sortExpression, sqlKey } from './record-field-kinds';
import { parseListQuery, type ListQuery, type ListQueryInput } from './record-list.query';
import {
  SqlParams,
  decodeListCursor,
  encodeListCursor,
  filterSql,
  keysetSql,
  orderSql,
  sortName,
} from './record-list.sql';
import type { RecordEntity } from './record.entity';
import { RecordsService, type RecordView } from './records.service';

export interface RecordPage {
  items: RecordView[];
  nextCursor: string | null;
}

export interface RecordGroup {
  value: string | null;
  count: number;
}

type ListedRow = RecordEntity & { sort_value: string | null };

const RANGE_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between', 'within']);

/**
 * Lists of a form's records: filters per field kind, one sort, full-text search, keyset
 * pages and a choice of columns — always inside what the viewer may see (the one
 * visibility condition of `record-access.policy`).
 */
@Injectable()
export class RecordListService {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly records: RecordsService,
    private readonly indexes: RecordIndexes,
    private readonly access: AccessService,
  ) {}

  async query(
    formId: string,
    input: ListQueryInput,
  ): Promise<{ form: PublishedForm; query: ListQuery }> {
    const form = await this.apps.publishedForm(formId);
    return { form, query: parseListQuery(form.definition, input) };
  }

  /** One page. `cursor` comes from the previous page of the same query. */
  async page(
    formId: string,
    user: AuthUser,
    input: ListQueryInput,
    limit: number,
    rawCursor: string | undefined,
  ): Promise<RecordPage> {
    const { query } = await this.query(formId, input);
    await this.refuseHiddenFields(formId, query, user);
    return this.pageOf(formId, query, user, limit, rawCursor);
  }

  async pageOf(
    formId: string,
    query: ListQuery,
    user: AuthUser,
    limit: number,
    rawCursor: string | undefined,
    action: FormAction = 'view',
  ): Promise<RecordPage> {
    const cursor = decodeListCursor(rawCursor, query.sort);
    await this.prepareIndexes(formId, query);
    const scope = await this.access.scope(user, action);
    const p = new SqlParams();
    const where = [`r.form_id = ${p.add(formId)}`, scope.sql(p.addAll(...scope.params))];
    where.push(...filterSql(query, user.id, p));
    if (cursor) where.push(keysetSql(query.sort, cursor, p));
    const sortExpr = sortExpression(query.sort.field.key, query.sort.field.kind);
    const rows: ListedRow[] = await this.db.query(
      `SELECT r.id, r.form_id AS "formId", r.form_version AS "formVersion", r.data, r.version,
              r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
              (${sortExpr})::text AS sort_value
         FROM records r
        WHERE ${where.join(' AND ')}
        ORDER BY ${orderSql(query.sort)}
        LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const views = await this.records.viewsOf(page, user);
    const items = query.columns ? views.map((v) => project(v, query.columns!)) : views;
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeListCursor({ s: sortName(query.sort), v: last.sort_value, id: last.id })
          : null,
    };
  }

  /** Kanban columns: how many visible records hold each value of a choice field. */
  async groups(
    formId: string,
    user: AuthUser,
    input: ListQueryInput,
    field: string,
  ): Promise<{ field: string; groups: RecordGroup[] }> {
    const { form, query } = await this.query(formId, input);
    const schema = form.definition.schema.properties[field];
    if (!schema || (schema.type !== 'string' && schema.type !== 'boolean') || !schema.enum) {
      throw badRequest('invalid_group_field', 'Group by a select or radio field of the form.');
    }
    await this.refuseHiddenFields(formId, query, user, field);
    const scope = await this.access.scope(user, 'view');
    const p = new SqlParams();
    const where = [`r.form_id = ${p.add(formId)}`, scope.sql(p.addAll(...scope.params))];
    where.push(...filterSql(query, user.id, p));
    const rows: { value: string | null; count: number }[] = await this.db.query(
      `SELECT r.data ->> ${sqlKey(field)} AS value, count(*)::int AS count
         FROM records r WHERE ${where.join(' AND ')} GROUP BY 1`,
      p.values,
    );
    const counts = new Map(rows.map((r) => [r.value, r.count]));
    const groups: RecordGroup[] = schema.enum.map((v) => ({
      value: String(v),
      count: counts.get(String(v)) ?? 0,
    }));
    const other = rows
      .filter((r) => !schema.enum!.map(String).includes(r.value ?? '\u0000'))
      .reduce((n, r) => n + r.count, 0);
    groups.push({ value: null, count: other });
    return { field, groups };
  }

  /**
   * Filtering, sorting or grouping by a field the user may not see would tell its values:
   * refused (403 field_hidden).
   */
  async refuseHiddenFields(
    formId: string,
    query: ListQuery,
    user: AuthUser,
    groupField?: string,
  ): Promise<void> {
    const hidden = (await this.access.hiddenFields(user, [formId])).get(formId);
    if (!hidden || hidden.size === 0) return;
    const used = [
      query.sort.field.key,
      ...query.conditions.map((c) => c.field.key),
      ...(groupField ? [groupField] : []),
    ].filter((f) => hidden.has(f));
    if (used.length > 0)
      throw new AppError(
        403,
        'field_hidden',
        `You may not filter, sort or group by ${[...new Set(used)].join(', ')}.`,
      );
  }

  /**
   * Sorting or range-filtering a field runs on its expression index, a filtered list on
   * the index of its shape (equality and range filters around the sort); made if missing.
   */
  private async prepareIndexes(formId: string, query: ListQuery): Promise<void> {
    const ranges = query.conditions.filter((c) => RANGE_OPS.has(c.op)).map((c) => c.field);
    for (const f of [query.sort.field, ...ranges]) await this.indexes.ensure(formId, f);
    if (query.match !== 'all' || query.search) return;
    const equalities = query.conditions
      .filter((c) => c.op === 'eq' && typeof c.value === 'string')
      .map((c) => c.field);
    const spec = listIndex(query.sort.field, equalities, ranges);
    if (spec) await this.indexes.ensureList(formId, spec);
  }
}

function project(view: RecordView, columns: string[]): RecordView {
  const data: JsonObject = {};
  for (const c of columns) {
    const value = view.data[c];
    if (value !== undefined) data[c] = value;
  }
  return { ...view, data };
}
