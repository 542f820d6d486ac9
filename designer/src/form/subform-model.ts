import {
  subFormRowsOf,
  type FieldSchema,
  type JsonObject,
  type JsonValue,
} from '@liuyun/definitions';
import type { Language } from '../i18n/language';
import { pointer } from './field-path';
import { fieldLabel, isDerived } from './field-value';
import type { RecordDraft } from './useRecordDraft';

export interface SubFormColumn {
  key: string;
  field: FieldSchema;
  label: string;
  required: boolean;
  /** Narrow numbers, wide text: keeps a five-column table inside a form card. */
  minWidth: number;
}

function rowsOf(value: JsonValue | undefined): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.map((row) =>
    typeof row === 'object' && row !== null && !Array.isArray(row) ? row : {},
  );
}

const widths: Partial<Record<FieldSchema['x-widget'], number>> = {
  number: 96,
  money: 120,
  percent: 104,
  date: 150,
  datetime: 190,
  select: 140,
  radio: 160,
  textarea: 220,
};

/**
 * What both sub-form views (table on wide screens, cards on phones) need: the row
 * count, the columns that are visible in at least one row, and each cell's value.
 */
export function subFormModel(
  fieldKey: string,
  field: FieldSchema,
  draft: RecordDraft,
  language: Language,
) {
  const inputRows = rowsOf(draft.input[fieldKey]);
  const outcomeRows = rowsOf(draft.outcome.data[fieldKey]);
  const rows = subFormRowsOf(field);
  const staticRequired = new Set(rows?.required ?? []);
  const { isVisible, isRequired } = draft.outcome;

  const columns: SubFormColumn[] = Object.entries(rows?.properties ?? {})
    .filter(
      ([key]) =>
        inputRows.length === 0 || inputRows.some((_, i) => isVisible(pointer(fieldKey, i, key))),
    )
    .map(([key, column]) => ({
      key,
      field: column,
      label: fieldLabel(column, key, language),
      required:
        staticRequired.has(key) || inputRows.some((_, i) => isRequired(pointer(fieldKey, i, key))),
      minWidth: widths[column['x-widget']] ?? 170,
    }));

  return {
    rowCount: inputRows.length,
    columns,
    canAdd: field.maxItems === undefined || inputRows.length < field.maxItems,
    /** Computed cells read the evaluated row; the others what the user typed. */
    valueAt: (index: number, column: SubFormColumn) =>
      (isDerived(column.field) ? outcomeRows[index] : inputRows[index])?.[column.key],
  };
}
