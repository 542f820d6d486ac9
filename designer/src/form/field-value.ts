import {
  holdsValue,
  isServerSetWidget,
  missingDefaults,
  subFormRowsOf,
  type DefaultsUser,
  type FieldSchema,
  type FormDefinition,
  type JsonObject,
  type JsonValue,
} from '@liuyun/definitions';
import dayjs from 'dayjs';
import type { Language } from '../i18n/language';
import type { DirectoryLabels } from './directory-labels';
import { pickText } from '../i18n/language';

/** The label of a field in the language, falling back to its title and then its key. */
export function fieldLabel(field: FieldSchema, key: string, language: Language): string {
  return pickText(language, field['x-label'], field.title ?? key);
}

/** Options of a select or radio field: enum values with their `x-enum-labels`. */
export function enumOptions(field: FieldSchema, language: Language) {
  const labels = field['x-enum-labels'] ?? [];
  return (field.enum ?? []).map((value, index) => ({
    value,
    label: pickText(language, labels[index], String(value)),
  }));
}

/** Whether the user never types into this field: computed by a rule or set by the process. */
export function isDerived(field: FieldSchema): boolean {
  return (
    field['x-computed'] !== undefined ||
    field['x-readonly'] === true ||
    field['x-linkage'] !== undefined ||
    isServerSetWidget(field)
  );
}

/** A new sub-form row holding the row fields' defaults. */
export function emptyRow(field: FieldSchema): JsonObject {
  const row: JsonObject = {};
  for (const [key, column] of Object.entries(subFormRowsOf(field)?.properties ?? {})) {
    if (!isDerived(column) && column.default !== undefined) row[key] = column.default;
  }
  return row;
}

/**
 * The first draft of a record: the defaults the engine would fill in (`x-default` rules
 * with `$user` and the clock, fixed defaults — one shared function), and the minimum
 * number of sub-form rows. Computed and read-only fields are left out: the server sets them.
 */
export function initialDraft(form: FormDefinition, user: DefaultsUser | null): JsonObject {
  const defaults = missingDefaults(form, {}, { now: new Date().toISOString(), user });
  const draft: JsonObject = {};
  for (const [key, field] of Object.entries(form.schema.properties)) {
    if (isDerived(field) || !holdsValue(field)) continue;
    const value = defaults[key];
    if (value !== undefined) draft[key] = value;
    else if (field['x-widget'] === 'subform') {
      draft[key] = Array.from({ length: Math.max(field.minItems ?? 0, 1) }, () => emptyRow(field));
    }
  }
  return draft;
}

export interface FormatTools {
  language: Language;
  formatNumber: (value: number, decimals?: number) => string;
  /** Names for member and department ids (without them, the ids show). */
  labels?: DirectoryLabels;
}

/** Member and department values as names, datetimes in local time; null for other fields. */
function referenceText(
  field: FieldSchema,
  value: JsonValue,
  labels: DirectoryLabels | undefined,
): string | null {
  const widget = field['x-widget'];
  if (widget === 'member' || widget === 'department') {
    const ids = Array.isArray(value) ? value : [value];
    const name = (id: string) =>
      (widget === 'member' ? labels?.user(id) : labels?.department(id)) ?? id;
    return ids
      .filter((id): id is string => typeof id === 'string')
      .map(name)
      .join(', ');
  }
  if ((widget === 'datetime' || field.format === 'date-time') && typeof value === 'string') {
    const at = dayjs(value);
    return at.isValid() ? at.format('YYYY-MM-DD HH:mm') : value;
  }
  return null;
}

/** A value as text for reading (record page, computed fields). */
export function displayValue(
  field: FieldSchema,
  value: JsonValue | undefined,
  tools: FormatTools,
): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.enum) {
    const option = enumOptions(field, tools.language).find((o) => o.value === value);
    if (option) return option.label;
  }
  const reference = referenceText(field, value, tools.labels);
  if (reference !== null) return reference;
  if (typeof value === 'number') {
    switch (field['x-widget']) {
      case 'money':
        return tools.formatNumber(value, 2);
      case 'percent':
        return `${tools.formatNumber(value)}%`;
      default:
        return tools.formatNumber(value);
    }
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    // Choices show their labels, files their names.
    const options = field.items && 'enum' in field.items ? (field.items.enum ?? []) : [];
    const labels = field['x-enum-labels'] ?? [];
    return value
      .map((item) => {
        const index = options.indexOf(item);
        if (index >= 0) return pickText(tools.language, labels[index], String(item));
        if (typeof item === 'object' && item !== null && !Array.isArray(item))
          return String(item.name ?? item.id ?? '');
        return String(item);
      })
      .join(', ');
  }
  switch (field['x-widget']) {
    case 'address':
      return ['province', 'city', 'district', 'detail']
        .map((k) => value[k])
        .filter((v) => typeof v === 'string' && v !== '')
        .join(' ');
    case 'location':
      return `${String(value.lat)}, ${String(value.lng)}${typeof value.address === 'string' ? ` (${value.address})` : ''}`;
    case 'signature':
      return String(value.name ?? '');
    default:
      return JSON.stringify(value);
  }
}
