import type { FieldSchema, FormDefinition, JsonValue } from '@liuyun/definitions';

export type NormalizeKind = 'text' | 'phone' | 'email';

/** The fields of a form whose values are unique or duplicate-checked, and how they compare. */
export interface KeyedField {
  key: string;
  unique: boolean;
  normalize: NormalizeKind;
}

function normalizeKindOf(field: FieldSchema): NormalizeKind {
  const declared = field['x-normalize'];
  if (declared) return declared;
  if (field.format === 'email') return 'email';
  const widget: string = field['x-widget'];
  return widget === 'phone' || widget === 'mobile' ? 'phone' : 'text';
}

export function keyedFields(form: FormDefinition): KeyedField[] {
  return Object.entries(form.schema.properties)
    .filter(([, f]) => f['x-unique'] === true || f['x-dedupe'] === true)
    .map(([key, f]) => ({ key, unique: f['x-unique'] === true, normalize: normalizeKindOf(f) }));
}

/**
 * The comparison key of a value, or null when there is nothing to compare (empty).
 * Text: NFKC (full-width letters, digits and spaces to half-width), trimmed, lower case,
 * inner runs of spaces as one. Phone: its digits only, without the +86 / 0086 of a
 * mainland mobile (`+86 138-0013-8000` → `13800138000`). E-mail: trimmed, lower case.
 */
export function normalizeKey(value: JsonValue | undefined, kind: NormalizeKind): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.normalize('NFKC').trim();
  let key: string;
  switch (kind) {
    case 'phone':
      // Digits only; a mainland mobile keeps no country code (+86 / 0086), so both spellings meet.
      key = text.replace(/\D+/g, '').replace(/^00/, '');
      if (/^861\d{10}$/.test(key)) key = key.slice(2);
      break;
    case 'email':
      key = text.toLowerCase();
      break;
    default:
      key = text.toLowerCase().replace(/\s+/g, ' ');
  }
  return key === '' ? null : key.slice(0, 1000);
}
