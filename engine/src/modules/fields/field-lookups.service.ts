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
import { AccessService } from '../access/access.service';
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
    private readonly access: AccessService,
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
    if (await this.hidden(user, target.id, [source.field])) return [];
    const scope = await this.access.scope(user, 'view');
    const rows: { value: JsonValue }[] = await this.db.query(
      `SELECT DISTINCT r.data -> $2 AS value FROM records r
        WHERE r.form_id = $1 AND r.data ? $2 AND jsonb_typeof(r.data -> $2) IN ('string', 'number', 'boolean')
          AND ${scope.sql(4)}
        ORDER BY 1 LIMIT $3`,
      [target.id, source.field, LOOKUP_LIMIT, ...scope.params],
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
    const scope = await this.access.scope(user, 'view');
    const hidden = (await this.access.hiddenFields(user, [target.id])).get(target.id) ?? new Set();
    // Searching by a hidden display field would tell its values: then no search.
    const searchable = pattern !== null && !hidden.has(link.display) ? pattern : null;
    const rows: { id: string; data: JsonObject }[] = await this.db.query(
      `SELECT r.id, r.data FROM records r
        WHERE r.form_id = $1 AND ($2::text IS NULL OR r.data ->> $3 ILIKE $2)
          AND ${scope.sql(5)}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
      [target.id, searchable, link.display, LOOKUP_LIMIT, ...scope.params],
    );
    const shown = (field: string, value: JsonValue | undefined): JsonValue =>
      hidden.has(field) ? null : (value ?? null);
    return rows.map((r) => ({
      id: r.id,
      display: shown(link.display, r.data[link.display]),
      copy: Object.fromEntries(
        Object.entries(link.copy ?? {}).map(([into, from]) => [
          into,
          hidden.has(from) ? null : linkCopyValue(props[into], r.data[from]),
        ]),
      ),
    }));
  }

  async linkage(formId: string, key: string, data: JsonObject): Promise<JsonValue> {
    const linkage = (await this.fieldOf(formId, key))['x-linkage'];
    if (!linkage) throw badRequest('not_applicable', 'This field has no data linkage.');
    return this.values.linkageValue(this.db.manager, formId, linkage, data);
  }

  /** True when any of the fields is hidden from the user on that form. */
  private async hidden(user: AuthUser, formId: string, fields: string[]): Promise<boolean> {
    const hidden = (await this.access.hiddenFields(user, [formId])).get(formId);
    return fields.some((f) => hidden?.has(f) === true);
  }

  /** A related list of a record the user may read. */
  async related(recordId: string, key: string, user: AuthUser): Promise<RelatedRow[]> {
    const scope = await this.access.scope(user, 'view');
    const owners: { form_id: string }[] = await this.db.query(
      `SELECT r.form_id FROM records r WHERE r.id = $1 AND ${scope.sql(2)}`,
      [recordId, ...scope.params],
    );
    const owner = owners[0];
    if (!owner) throw notFound('The record');
    const related = (await this.fieldOf(owner.form_id, key))['x-related'];
    if (!related) throw badRequest('not_applicable', 'This field is no related list.');
    const target = await siblingForm(this.db.manager, owner.form_id, related.form);
    if (!target) return [];
    const rows: { id: string; data: JsonObject; created_at: Date }[] = await this.db.query(
      `SELECT r.id, r.data, r.created_at FROM records r
        WHERE r.form_id = $1 AND r.data ->> $2 = $3 AND ${scope.sql(5)}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
      [target.id, related.field, recordId, LOOKUP_LIMIT, ...scope.params],
    );
    const hidden = (await this.access.hiddenFields(user, [target.id])).get(target.id) ?? new Set();
    const columns = related.columns.filter((c) => !hidden.has(c));
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at).toISOString(),
      data: Object.fromEntries(columns.map((c) => [c, r.data[c] ?? null])),
    }));
  }
}
