import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FormDefinition, JsonObject, JsonValue } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { FormVersionCache } from '../apps/form-version.cache';
import { AccessService } from '../access/access.service';
import type { RecordScope } from '../access/record-scope';
import { RecordChangeBus, type RecordChange } from './record-change.bus';
import { keyedFields, normalizeKey, type KeyedField } from './record-key.normalize';

export interface DuplicateMatch {
  id: string;
  /** The record's value of the field (as stored, before normalising). */
  value: JsonValue;
  createdAt: string;
}

export interface FieldDuplicates {
  field: string;
  unique: boolean;
  /** A unique field's value is taken: submitting it will be refused (even if the clash is not visible). */
  blocked: boolean;
  /** The clashing records the asker may see (at most 10). */
  records: DuplicateMatch[];
  /** Another record the asker may not see holds the value: a duplicate exists, nothing more is told. */
  elsewhere: boolean;
}

/**
 * Normalised keys of unique and duplicate-checked fields (`record_keys`). Every record
 * change announced on the bus re-keys the record in the same transaction; a unique
 * value another live record holds is refused by the partial unique index, so two
 * concurrent submissions of one phone number cannot both commit.
 */
@Injectable()
export class RecordKeys implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly forms: FormVersionCache,
    private readonly bus: RecordChangeBus,
    private readonly access: AccessService,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe((m, change) => this.onChange(m, change));
  }

  private async onChange(m: EntityManager, change: RecordChange): Promise<void> {
    if (change.type === 'deleted' || change.after === null) {
      await m.query('DELETE FROM record_keys WHERE record_id = $1', [change.recordId]);
      return;
    }
    await this.sync(
      m,
      change.formId,
      change.recordId,
      change.after,
      change.type === 'created',
      change.formVersion,
    );
  }

  private async definitionOf(
    m: EntityManager,
    formId: string,
    published?: number,
  ): Promise<FormDefinition | null> {
    const rows: { published_version: number }[] =
      published !== undefined
        ? [{ published_version: published }]
        : await m.query('SELECT published_version FROM forms WHERE id = $1', [formId]);
    const version = rows[0]?.published_version;
    if (!version) return null;
    return (await this.forms.get(formId, version, m)).definition;
  }

  /**
   * Re-keys one record from its data; throws 409 `duplicate_value` on a unique clash.
   * A record created in this transaction has no keys yet, so none are deleted first.
   */
  async sync(
    m: EntityManager,
    formId: string,
    recordId: string,
    data: JsonObject,
    created = false,
    /** The published version, when the caller read it in this transaction. */
    publishedVersion?: number,
  ): Promise<void> {
    const definition = await this.definitionOf(m, formId, publishedVersion);
    const fields = definition ? keyedFields(definition) : [];
    const existing: unknown[] = created
      ? []
      : await m.query('DELETE FROM record_keys WHERE record_id = $1 RETURNING field', [recordId]);
    if (fields.length === 0 && existing.length === 0) return;
    const keys = fields.flatMap((f) => {
      const key = normalizeKey(data[f.key], f.normalize);
      return key === null ? [] : [{ field: f, key }];
    });
    if (keys.length === 0) return;
    const inserted: { field: string }[] = await m.query(
      `INSERT INTO record_keys (record_id, form_id, field, key, is_unique)
       SELECT $1, $2, k.field, k.key, k.is_unique
         FROM unnest($3::text[], $4::text[], $5::boolean[]) AS k(field, key, is_unique)
       ON CONFLICT (form_id, field, key) WHERE is_unique DO NOTHING
       RETURNING field`,
      [
        recordId,
        formId,
        keys.map((k) => k.field.key),
        keys.map((k) => k.key),
        keys.map((k) => k.field.unique),
      ],
    );
    const stored = new Set(inserted.map((r) => r.field));
    const clashes = keys.filter((k) => !stored.has(k.field.key)).map((k) => k.field.key);
    if (clashes.length > 0) {
      throw new AppError(
        409,
        'duplicate_value',
        'Another record already holds this value in a field that must be unique; nothing was saved.',
        clashes.map((field) => ({
          instancePath: `/${field}`,
          keyword: 'unique',
          message: 'is already used by another record',
          params: { field },
        })),
      );
    }
  }

  /**
   * Records clashing with `data` on the form's unique and duplicate-checked fields,
   * limited to those the asker may see; `excludeId` leaves out the record being edited.
   */
  async find(
    formId: string,
    definition: FormDefinition,
    data: JsonObject,
    user: AuthUser,
    excludeId: string | null,
  ): Promise<FieldDuplicates[]> {
    const out: FieldDuplicates[] = [];
    const scope = await this.access.scope(user, 'view');
    // A field the asker may not see is not checked for them: its values are not theirs to probe.
    const hidden = (await this.access.hiddenFields(user, [formId])).get(formId) ?? new Set();
    for (const f of keyedFields(definition)) {
      if (hidden.has(f.key)) continue;
      const key = normalizeKey(data[f.key], f.normalize);
      if (key === null) continue;
      const match = await this.matches(formId, f, key, scope, excludeId);
      if (match.blocked || match.elsewhere || match.records.length > 0) out.push(match);
    }
    return out;
  }

  private async matches(
    formId: string,
    f: KeyedField,
    key: string,
    scope: RecordScope,
    excludeId: string | null,
  ): Promise<FieldDuplicates> {
    const visible: { id: string; value: JsonValue; created_at: Date }[] = await this.db.query(
      `SELECT r.id, r.data -> k.field AS value, r.created_at FROM record_keys k JOIN records r ON r.id = k.record_id
        WHERE k.form_id = $1 AND k.field = $2 AND k.key = $3 AND ($4::uuid IS NULL OR r.id <> $4::uuid)
          AND ${scope.sql(5)}
        ORDER BY r.created_at DESC LIMIT 10`,
      [formId, f.key, key, excludeId, ...scope.params],
    );
    const all: { blocked: boolean | null; elsewhere: boolean | null }[] = await this.db.query(
      `SELECT bool_or(k.is_unique) AS blocked,
              bool_or(NOT COALESCE(${scope.sql(5)}, false)) AS elsewhere
         FROM record_keys k JOIN records r ON r.id = k.record_id
        WHERE k.form_id = $1 AND k.field = $2 AND k.key = $3 AND r.deleted_at IS NULL
          AND ($4::uuid IS NULL OR k.record_id <> $4::uuid)`,
      [formId, f.key, key, excludeId, ...scope.params],
    );
    return {
      field: f.key,
      unique: f.unique,
      blocked: f.unique && all[0]?.blocked === true,
      elsewhere: all[0]?.elsewhere === true,
      records: visible.map((r) => ({
        id: r.id,
        value: r.value,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }
}
