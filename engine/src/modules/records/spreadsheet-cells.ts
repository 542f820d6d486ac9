import type { FieldSchema, FormDefinition, JsonValue } from '@liuyun/definitions';
import { fieldKind } from './record-field-kinds';

export type Language = 'zh' | 'en';

/** Characters that make a spreadsheet read a cell as a formula (S10; OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would run as a formula gets a leading apostrophe: it stays text. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A column of an export or import: a field of the form (or a system column). */
export interface SheetColumn {
  key: string;
  label: string;
  field: FieldSchema | null;
}

export function exportColumns(
  form: FormDefinition,
  columns: string[] | null,
  lang: Language,
): SheetColumn[] {
  const keys = columns ?? form.layout.filter((k) => form.schema.properties[k] !== undefined);
  const out: SheetColumn[] = keys.map((key) => {
    const field = form.schema.properties[key]!;
    return { key, label: field['x-label'][lang], field };
  });
  const system: [string, Record<Language, string>][] = [
    ['createdBy', { zh: '提交人', en: 'Submitted by' }],
    ['createdAt', { zh: '提交时间', en: 'Submitted at' }],
  ];
  for (const [key, label] of system) out.push({ key, label: label[lang], field: null });
  return out;
}

function choiceLabel(field: FieldSchema, value: JsonValue, lang: Language): string {
  const index = (field.enum ?? []).findIndex((v) => v === value);
  const label = index >= 0 ? field['x-enum-labels']?.[index]?.[lang] : undefined;
  return label ?? String(value);
}

/** A record value as a cell: numbers stay numbers, choices show their label, the rest is text. */
export function cellValue(
  field: FieldSchema,
  value: JsonValue | undefined,
  lang: Language,
): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    return neutralizeFormula(
      fieldKind(field) === 'choice' ? choiceLabel(field, value, lang) : value,
    );
  }
  return neutralizeFormula(JSON.stringify(value));
}

/** Whether a header names this column: its key or its label in either language. */
export function headerMatches(header: string, key: string, field: FieldSchema): boolean {
  const h = header.trim().normalize('NFKC').toLowerCase();
  return [key, field['x-label'].zh, field['x-label'].en].some(
    (name) => name.normalize('NFKC').toLowerCase() === h,
  );
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function dateText(value: unknown, withTime: boolean): unknown {
  let date: Date | null = null;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number' && Number.isFinite(value))
    date = new Date(EXCEL_EPOCH_MS + value * 86_400_000);
  if (!date || Number.isNaN(date.getTime()))
    return typeof value === 'string' ? value.trim() : value;
  return withTime ? date.toISOString() : date.toISOString().slice(0, 10);
}

/**
 * A cell read from a file, as the field's value: the file is only text and numbers, so
 * numbers are parsed, choice labels mapped back to their values, dates formatted.
 * Anything that does not fit is passed on unchanged, for the form check to refuse.
 */
export function fieldValueOf(field: FieldSchema, cell: unknown): unknown {
  if (cell === null || cell === undefined || cell === '') return undefined;
  const kind = fieldKind(field);
  switch (kind) {
    case 'number': {
      if (typeof cell === 'number') return cell;
      const text = String(cell).trim().replace(/,/g, '');
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : cell;
    }
    case 'boolean': {
      const text = String(cell).trim().toLowerCase();
      if (['true', '1', 'yes', '是'].includes(text)) return true;
      if (['false', '0', 'no', '否'].includes(text)) return false;
      return cell;
    }
    case 'choice': {
      const text = String(cell).trim();
      const values = field.enum ?? [];
      const direct = values.find((v) => String(v) === text);
      if (direct !== undefined) return direct;
      const index = (field['x-enum-labels'] ?? []).findIndex(
        (l) => l.zh === text || l.en.toLowerCase() === text.toLowerCase(),
      );
      return index >= 0 ? values[index] : text;
    }
    case 'date':
      return dateText(cell, false);
    case 'datetime':
      return dateText(cell, true);
    case 'other':
    case 'multi': {
      if (typeof cell !== 'string') return cell;
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        return cell;
      }
    }
    default: {
      const text = typeof cell === 'string' ? cell : String(cell);
      // Our own exports neutralise formulas with an apostrophe: read them back as written.
      return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
    }
  }
}
