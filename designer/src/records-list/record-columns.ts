import {
  holdsValue,
  type FieldSchema,
  type FormDefinition,
  type JsonValue,
} from '@liuyun/definitions';
import { displayValue, type FormatTools } from '../form/field-value';

/**
 * Top-level fields a list can show as columns: those holding a value (sections, tabs,
 * related lists and sub-forms are left to the record page).
 */
export function listableFields(form: FormDefinition): [string, FieldSchema][] {
  return form.layout
    .map((key): [string, FieldSchema | undefined] => [key, form.schema.properties[key]])
    .filter(
      (e): e is [string, FieldSchema] =>
        e[1] !== undefined && e[1]['x-widget'] !== 'subform' && holdsValue(e[1]),
    );
}

/** Select and radio fields: kanban columns and list filters. */
export function choiceFields(form: FormDefinition): [string, FieldSchema][] {
  return listableFields(form).filter(([, f]) => f.enum !== undefined && f.type === 'string');
}

export function dateFields(form: FormDefinition): [string, FieldSchema][] {
  return listableFields(form).filter(
    ([, f]) =>
      f.format === 'date' ||
      f.format === 'date-time' ||
      f['x-widget'] === 'date' ||
      f['x-widget'] === 'datetime',
  );
}

export function isSortable(field: FieldSchema): boolean {
  return field.type !== 'array' && field.type !== 'object';
}

/** A value as plain text for a cell (React escapes it; no HTML from user data). */
export function cellText(
  field: FieldSchema,
  value: JsonValue | undefined,
  tools: FormatTools,
): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'number' && field.enum === undefined) return tools.formatNumber(value);
  return displayValue(field, value, tools) || '—';
}
