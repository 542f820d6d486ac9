import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badRequest } from '../../common/errors/app-error';
import type { SheetFormat } from './record-export.service';

export interface Sheet {
  headers: string[];
  /** Data rows (after the header), cells as read: text, numbers, dates. */
  rows: unknown[][];
}

/** The most data rows one import takes. */
export const IMPORT_MAX_ROWS = 50_000;

function cellOf(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('result' in value) return (value as { result?: unknown }).result ?? null; // a formula: its cached result
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return (value as { text: unknown }).text;
  return null;
}

/** Reads the first sheet of a CSV (UTF-8, BOM allowed) or Excel file. */
export async function readSheet(content: Buffer, format: SheetFormat): Promise<Sheet> {
  let table: unknown[][];
  if (format === 'csv') {
    try {
      table = parse(content, {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as unknown[][];
    } catch (e) {
      throw badRequest(
        'invalid_file',
        `The CSV file cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  } else {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw badRequest('invalid_file', 'The Excel file cannot be read (expected .xlsx).');
    }
    const sheet = workbook.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      table.push(values.map((v) => cellOf(v as ExcelJS.CellValue)));
    });
  }
  const [header, ...rows] = table;
  if (!header || header.length === 0)
    throw badRequest('invalid_file', 'The file has no header row.');
  if (rows.length > IMPORT_MAX_ROWS)
    throw badRequest('too_many_rows', `At most ${IMPORT_MAX_ROWS} rows per import.`);
  return { headers: header.map((h) => String(h ?? '').trim()), rows };
}
