import type { FieldSchema, JsonObject, JsonValue } from '@liuyun/definitions';
import type { Language } from '../i18n/language';
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
  return field['x-computed'] !== undefined || field['x-readonly'] === true;
}

/** A new sub-form row holding the row fields' defaults. */
export function emptyRow(field: FieldSchema): JsonObject {
  const row: JsonObject = {};
  for (const [key, column] of Object.entries(field.items?.properties ?? {})) {
    if (!isDerived(column) && column.default !== undefined) row[key] = column.default;
  }
  return row;
}

/** The first draft of a record: schema defaults, and the minimum number of sub-form rows. */
export function initialDraft(properties: Record<string, FieldSchema>): JsonObject {
  const draft: JsonObject = {};
  for (const [key, field] of Object.entries(properties)) {
    // Computed and read-only fields are never sent: the server sets them.
    if (isDerived(field)) continue;
    if (field.default !== undefined) draft[key] = field.default;
    else if (field['x-widget'] === 'subform') {
      draft[key] = Array.from({ length: Math.max(field.minItems ?? 0, 1) }, () => emptyRow(field));
    }
  }
  return draft;
}

export interface FormatTools {
  language: Language;
  formatNumber: (value: number, decimals?: number) => string;
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
  return JSON.stringify(value);
}
