import { Injectable } from '@nestjs/common';
import {
  subFormRowsOf,
  type FieldSchema,
  type JsonObject,
  type JsonValue,
  linkCopyValue,
} from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest, notFound } from '../../common/errors/app-error';
import { AppsService } from '../apps/apps.service';
import { recordVisibleParams, recordVisibleSql } from '../records/record-access.policy';
import { FieldValues } from './field-values.service';
import { siblingForm } from './sibling-forms';

export interface LinkCandidate {
  id: string;
  /** The linked form's display field. */
  display: JsonValue;
  /** What picking it copies: this form's field → value. */
  copy: JsonObject;
}

export interface RelatedRow {
  id: string;
  createdAt: string;
  /** The related list's columns. */
  data: JsonObject;
}

/** Most options, candidates or related rows one lookup returns. */
const LOOKUP_LIMIT = 200;

/**
 * What the form renderer asks while a record is filled in: options from another form,
 * records to link, data-linkage values, and related lists. Records come only from those
 * the user may read (data linkage reads its lookup form whole, as the server does on submit).
 */
@Injectable()
export class FieldLookups {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly values: FieldValues,
  ) {}

  /** The field `key` (or `subForm.key`) of a published form. */
  async fieldOf(formId: string, path: string): Promise<FieldSchema> {
    const form = await this.apps.publishedForm(formId);
    const [top = '', row] = path.split('.');
    const props = form.definition.schema.properties;
    const field = Object.hasOwn(props, top) ? props[top] : undefined;
    const rows = subFormRowsOf(field)?.properties ?? {};
    const found = row === undefined ? field : Object.hasOwn(rows, row) ? rows[row] : undefined;
    if (!found) throw notFound('The field');
    return found;
  }

  async options(formId: string, path: string, user: AuthUser): Promise<JsonValue[]> {
    const source = (await this.fieldOf(formId, path))['x-options-from'];
    if (!source) throw badRequest('not_applicable', 'This field has no options from another form.');
    const target = await siblingForm(this.db.manager, formId, source.form);
    if (!target) return [];
    const rows: { value: JsonValue }[] = await this.db.query(
      `SELECT DISTINCT r.data -> $2 AS value FROM records r
        WHERE r.form_id = $1 AND r.data ? $2 AND jsonb_typeof(r.data -> $2) IN ('string', 'number', 'boolean')
          AND ${recordVisibleSql(4)}
        ORDER BY 1 LIMIT $3`,
      [target.id, source.field, LOOKUP_LIMIT, ...recordVisibleParams(user)],
    );
    return rows.map((r) => r.value);
  }

  async candidates(
    formId: string,
    key: string,
    search: string,
    user: AuthUser,
  ): Promise<LinkCandidate[]> {
    const link = (await this.fieldOf(formId, key))['x-link'];
    if (!link) throw badRequest('not_applicable', 'This field links no records.');
    // Copies land in this form's top-level fields (a sub-form takes rows by column).
    const props = (await this.apps.publishedForm(formId)).definition.schema.properties;
    const target = await siblingForm(this.db.manager, formId, link.form);
    if (!target) return [];
    const pattern = search === '' ? null : `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: { id: string; data: JsonObject }[] = await this.db.query(
      `SELECT r.id, r.data FROM records r
        WHERE r.form_id = $1 AND ($2::text IS NULL OR r.data ->> $3 ILIKE $2)
          AND ${recordVisibleSql(5)}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
      [target.id, pattern, link.display, LOOKUP_LIMIT, ...recordVisibleParams(user)],
    );
    return rows.map((r) => ({
      id: r.id,
      display: r.data[link.display] ?? null,
      copy: Object.fromEntries(
        Object.entries(link.copy ?? {}).map(([into, from]) => [
          into,
          linkCopyValue(props[into], r.data[from]),
        ]),
      ),
    }));
  }

  async linkage(formId: string, key: string, data: JsonObject): Promise<JsonValue> {
    const linkage = (await this.fieldOf(formId, key))['x-linkage'];
    if (!linkage) throw badRequest('not_applicable', 'This field has no data linkage.');
    return this.values.linkageValue(this.db.manager, formId, linkage, data);
  }

  /** A related list of a record the user may read. */
  async related(recordId: string, key: string, user: AuthUser): Promise<RelatedRow[]> {
    const owners: { form_id: string }[] = await this.db.query(
      `SELECT r.form_id FROM records r WHERE r.id = $1 AND ${recordVisibleSql(2)}`,
      [recordId, ...recordVisibleParams(user)],
    );
    const owner = owners[0];
    if (!owner) throw notFound('The record');
    const related = (await this.fieldOf(owner.form_id, key))['x-related'];
    if (!related) throw badRequest('not_applicable', 'This field is no related list.');
    const target = await siblingForm(this.db.manager, owner.form_id, related.form);
    if (!target) return [];
    const rows: { id: string; data: JsonObject; created_at: Date }[] = await this.db.query(
      `SELECT r.id, r.data, r.created_at FROM records r
        WHERE r.form_id = $1 AND r.data ->> $2 = $3 AND ${recordVisibleSql(5)}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
      [target.id, related.field, recordId, LOOKUP_LIMIT, ...recordVisibleParams(user)],
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at).toISOString(),
      data: Object.fromEntries(related.columns.map((c) => [c, r.data[c] ?? null])),
    }));
  }
}
