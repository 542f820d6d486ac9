import { isServerSetWidget, type FormDefinition, type JsonObject } from '@liuyun/definitions';
import { AppError } from '../../common/errors/app-error';
import type { FieldAccess } from './permission-set.types';

/** Keys that name what the engine keeps about a record, never a submitter's to set. */
export const SYSTEM_KEYS = new Set([
  'id',
  'version',
  'formId',
  'form_id',
  'formVersion',
  'createdBy',
  'created_by',
  'createdAt',
  'created_at',
  'updatedAt',
  'updated_at',
  'ownerId',
  'owner_id',
  'deletedAt',
  'deleted_at',
  'deletedBy',
  'deleted_by',
]);

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';

/** A field of the write the user may not set, and why. */
export interface RefusedField {
  field: string;
  reason: 'system' | 'readonly' | 'hidden';
}

/**
 * S7 (mass assignment): the fields of a submission (`stored` null) or of an edit's patch
 * that the user may not set. System keys are refused wherever they appear; read-only
 * fields (the form's own and those the user's permission sets make read-only) and hidden
 * fields are refused when the write would change them — on a submission, when it gives
 * them any value; on an edit, when the value differs from the stored one.
 */
export function refusedFields(
  form: FormDefinition,
  access: Map<string, FieldAccess>,
  input: JsonObject,
  stored: JsonObject | null,
): RefusedField[] {
  const refused: RefusedField[] = [];
  const props = form.schema.properties;
  for (const [key, value] of Object.entries(input)) {
    const field = props[key];
    if (!field) {
      if (SYSTEM_KEYS.has(key)) refused.push({ field: key, reason: 'system' });
      continue;
    }
    const granted = access.get(key);
    const formReadonly = field['x-readonly'] === true || isServerSetWidget(field);
    const reason =
      granted === 'hidden' ? 'hidden' : granted === 'readonly' || formReadonly ? 'readonly' : null;
    if (reason === null) continue;
    const changes =
      stored === null
        ? !isEmpty(value)
        : JSON.stringify(value ?? null) !== JSON.stringify(stored[key] ?? null);
    if (changes) refused.push({ field: key, reason });
  }
  return refused;
}

export function notWritable(refused: RefusedField[]): AppError {
  return new AppError(
    403,
    'field_not_writable',
    `You may not set ${refused.map((r) => r.field).join(', ')}: nothing was stored.`,
    refused.map((r) => ({
      instancePath: `/data/${r.field}`,
      keyword: 'notWritable',
      message: r.reason === 'system' ? 'is kept by the engine' : `is ${r.reason} for you`,
      params: { field: r.field, reason: r.reason },
    })),
  );
}
