import { Injectable } from '@nestjs/common';
import {
  linkCopyValue,
  missingDefaults,
  prepareForm,
  subFormRowsOf,
  type FieldError,
  type FieldSchema,
  type FileRef,
  type FormDefinition,
  type JsonObject,
  type JsonValue,
} from '@liuyun/definitions';
import type { WorkCalendar } from '@liuyun/logic';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest } from '../../common/errors/app-error';
import { FilesService } from '../files/files.service';
import { CALENDAR_SETTING, DEFAULT_CALENDAR } from '../processes/business-clock.service';
import { PickerPool } from './picker-pool.repository';
import { AccessService } from '../access/access.service';
import { siblingForm, visibleRecords } from './sibling-forms';

/** What a submission becomes once its references are checked. */
export interface CompletedValues {
  data: JsonObject;
  /** Files the record takes (attached after it is stored). */
  fileIds: string[];
}

/** One value of a field found in a record: where, and of which field. */
interface FoundValue {
  field: FieldSchema;
  /** `key` or `subForm.key` (the path files are uploaded for). */
  fieldPath: string;
  pointer: string;
  value: JsonValue;
  /** Sets the value in the data being completed. */
  set(value: JsonValue): void;
}

const invalid = (errors: unknown[]) =>
  badRequest('validation_failed', 'The record is not valid; nothing was saved.', errors);

function reference(
  pointer: string,
  message: string,
  params: Record<string, JsonValue> = {},
): FieldError {
  return { instancePath: pointer, keyword: 'reference', message, params };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value of the record and of its sub-form rows, with a setter. */
function valuesOf(form: FormDefinition, data: JsonObject): FoundValue[] {
  const found: FoundValue[] = [];
  for (const [key, field] of Object.entries(form.schema.properties)) {
    const value = data[key];
    if (value === undefined) continue;
    const rows = subFormRowsOf(field);
    if (rows && Array.isArray(value)) {
      value.forEach((row, index) => {
        if (!isObject(row)) return;
        for (const [rowKey, rowField] of Object.entries(rows.properties)) {
          const cell = row[rowKey];
          if (cell === undefined) continue;
          found.push({
            field: rowField,
            fieldPath: `${key}.${rowKey}`,
            pointer: `/${key}/${index}/${rowKey}`,
            value: cell,
            set: (next) => (row[rowKey] = next),
          });
        }
      });
      continue;
    }
    found.push({
      field,
      fieldPath: key,
      pointer: `/${key}`,
      value,
      set: (next) => (data[key] = next),
    });
  }
  return found;
}

const listOf = (value: JsonValue): JsonValue[] => (Array.isArray(value) ? value : [value]);

/**
 * The submission path beyond the form's own rules: values that come from other records
 * (linked-record copies, data linkage) are filled in on the server, then every reference
 * is checked against the database — members and departments in the picker's pool, linked
 * records the submitter may read, options that exist in the source form, files the
 * submitter uploaded for this field (their name, size and type taken from storage).
 */
@Injectable()
export class FieldValues {
  private calendar: { at: number; value: WorkCalendar } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly pool: PickerPool,
    private readonly files: FilesService,
    private readonly access: AccessService,
  ) {}

  /** The business calendar rules count working days on (read at most every 5 s). */
  async workCalendar(m: EntityManager = this.db.manager): Promise<WorkCalendar> {
    if (this.calendar && Date.now() - this.calendar.at < 5_000) return this.calendar.value;
    const rows: { value: WorkCalendar }[] = await m.query(
      'SELECT value FROM settings WHERE key = $1',
      [CALENDAR_SETTING],
    );
    const value = rows[0]?.value ?? DEFAULT_CALENDAR;
    this.calendar = { at: Date.now(), value };
    return value;
  }

  /**
   * Evaluates the submission with the form's rules (the browser's code), fills derived
   * values, evaluates again when any were filled, and checks every reference.
   * @throws AppError 400 `validation_failed` with field errors; nothing is stored then.
   */
  async complete(
    formId: string,
    form: FormDefinition,
    input: unknown,
    user: AuthUser,
    options: { recordId?: string; now?: Date; allowReadonly?: boolean } = {},
  ): Promise<CompletedValues> {
    const m = this.db.manager;
    const ruleOptions = {
      now: (options.now ?? new Date()).toISOString(),
      calendar: await this.workCalendar(m),
      allowReadonly: options.allowReadonly === true,
    };
    const prepared = prepareForm(form);
    let result = prepared.evaluate(input, ruleOptions);
    if (result.errors.length > 0) throw invalid(result.errors);
    const derived = await this.derived(m, formId, form, result.data, user);
    if (derived.errors.length > 0) throw invalid(derived.errors);
    // A new record gets the defaults of the fields left out (read-only ones too).
    // `x-default` rules see the submitter as `$user`, as the browser's form did.
    const defaults =
      options.recordId === undefined
        ? missingDefaults(form, result.data, {
            now: ruleOptions.now,
            user,
            calendar: ruleOptions.calendar,
          })
        : {};
    const filled = { ...defaults, ...derived.values };
    if (Object.keys(filled).length > 0 && isObject(input)) {
      // The person's values as checked (read-only ones they may not set already dropped),
      // then defaults and copies, which may land in read-only fields: the server sets those.
      result = prepared.evaluate(
        { ...defaults, ...result.data, ...derived.values },
        { ...ruleOptions, allowReadonly: true },
      );
      if (result.errors.length > 0) throw invalid(result.errors);
    }
    const data = result.data;
    const errors: FieldError[] = [];
    const fileIds = await this.checkReferences(
      m,
      formId,
      form,
      data,
      user,
      options.recordId,
      errors,
    );
    if (errors.length > 0) throw invalid(errors);
    return { data, fileIds };
  }

  /** Linked-record copies and data-linkage values, by field key (null: no match, left empty). */
  private async derived(
    m: EntityManager,
    formId: string,
    form: FormDefinition,
    data: JsonObject,
    user: AuthUser,
  ): Promise<{ values: JsonObject; errors: FieldError[] }> {
    const values: JsonObject = {};
    const errors: FieldError[] = [];
    for (const [key, field] of Object.entries(form.schema.properties)) {
      const link = field['x-link'];
      const picked = data[key];
      if (link && typeof picked === 'string') {
        const target = await siblingForm(m, formId, link.form);
        const record = target
          ? (
              await visibleRecords(m, target.id, [picked], await this.access.scope(user, 'view', m))
            ).get(picked)
          : undefined;
        if (!record) {
          errors.push(
            reference(`/${key}`, 'the linked record does not exist or you may not read it', {
              recordId: picked,
            }),
          );
          continue;
        }
        for (const [into, from] of Object.entries(link.copy ?? {}))
          values[into] = linkCopyValue(form.schema.properties[into], record[from]);
      }
      const linkage = field['x-linkage'];
      if (linkage) values[key] = await this.linkageValue(m, formId, linkage, data);
    }
    return { values, errors };
  }

  /** The `value` field of the newest record of the linkage's form matching every pair (or null). */
  async linkageValue(
    m: EntityManager,
    formId: string,
    linkage: NonNullable<FieldSchema['x-linkage']>,
    data: JsonObject,
  ): Promise<JsonValue> {
    const target = await siblingForm(m, formId, linkage.form);
    if (!target) return null;
    const params: unknown[] = [target.id, linkage.value];
    const conditions: string[] = [];
    for (const pair of linkage.match) {
      const value = data[pair.equals];
      if (value === undefined || value === null || value === '') return null;
      params.push(pair.field, JSON.stringify(value));
      conditions.push(`r.data -> $${params.length - 1} = $${params.length}::jsonb`);
    }
    const rows: { value: JsonValue }[] = await m.query(
      `SELECT r.data -> $2 AS value FROM records r
        WHERE r.form_id = $1 AND r.deleted_at IS NULL AND ${conditions.join(' AND ')}
        ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
      params,
    );
    return rows[0]?.value ?? null;
  }

  private async checkReferences(
    m: EntityManager,
    formId: string,
    form: FormDefinition,
    data: JsonObject,
    user: AuthUser,
    recordId: string | undefined,
    errors: FieldError[],
  ): Promise<string[]> {
    const found = valuesOf(form, data);
    const fileIds: string[] = [];
    for (const item of found) {
      const { field, pointer, value } = item;
      switch (field['x-widget']) {
        case 'member':
        case 'department': {
          const ids = listOf(value).filter((v): v is string => typeof v === 'string');
          const known =
            field['x-widget'] === 'member'
              ? await this.pool.users(m, field['x-scope'], { ids, limit: ids.length })
              : await this.pool.departments(m, field['x-scope'], { ids, limit: ids.length });
          const ok = new Set(known.map((k) => k.id));
          for (const id of ids) {
            if (!ok.has(id))
              errors.push(
                reference(
                  pointer,
                  `${field['x-widget'] === 'member' ? 'the user' : 'the department'} is not one this field offers`,
                  { id },
                ),
              );
          }
          break;
        }
        case 'attachment':
        case 'image':
        case 'signature': {
          const refs = listOf(value).filter(isObject);
          const stored = await this.files.byIds(
            refs.map((r) => String(r.id)),
            m,
          );
          const clean: FileRef[] = [];
          for (const ref of refs) {
            const file = stored.get(String(ref.id));
            const mine =
              file !== undefined &&
              ((file.recordId === null &&
                file.uploadedBy === user.id &&
                file.formId === formId &&
                file.field === item.fieldPath) ||
                (recordId !== undefined && file.recordId === recordId));
            if (!file || !mine) {
              errors.push(
                reference(pointer, 'the file was not uploaded for this field', {
                  id: String(ref.id),
                }),
              );
              continue;
            }
            clean.push({ id: file.id, name: file.name, size: file.size, type: file.type });
            fileIds.push(file.id);
          }
          item.set(
            field['x-widget'] === 'signature'
              ? ((clean[0] as unknown as JsonValue) ?? null)
              : (clean as unknown as JsonValue),
          );
          break;
        }
        default:
          break;
      }
      const source = field['x-options-from'];
      if (source) {
        const target = await siblingForm(m, formId, source.form);
        for (const option of listOf(value)) {
          const rows: unknown[] = target
            ? await m.query(
                `SELECT 1 FROM records r WHERE r.form_id = $1 AND r.deleted_at IS NULL AND r.data -> $2 = $3::jsonb LIMIT 1`,
                [target.id, source.field, JSON.stringify(option)],
              )
            : [];
          if (rows.length === 0)
            errors.push(
              reference(pointer, 'the option is not among the values of its source form', {
                value: option,
              }),
            );
        }
      }
    }
    return fileIds;
  }
}
