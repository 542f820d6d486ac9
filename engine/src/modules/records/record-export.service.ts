import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../../common/auth/auth-user';
import { AccessService } from '../access/access.service';
import { RecordListService } from './record-list.service';
import type { ListQueryInput } from './record-list.query';
import type { RecordView } from './records.service';
import {
  cellValue,
  exportColumns,
  neutralizeFormula,
  type Language,
  type SheetColumn,
} from './spreadsheet-cells';

export type SheetFormat = 'csv' | 'xlsx';

const PAGE = 500;
/** The most rows one export writes; narrow the filter for more. */
export const EXPORT_MAX_ROWS = 100_000;

function rowOf(
  columns: SheetColumn[],
  r: RecordView,
  lang: Language,
): (string | number | boolean | null)[] {
  return columns.map((c) => {
    if (c.field) return cellValue(c.field, r.data[c.key], lang);
    if (c.key === 'createdBy')
      return neutralizeFormula(r.createdBy.displayName || r.createdBy.username);
    return r.createdAt;
  });
}

/**
 * Exports what a list shows — the same query, the same visibility, the same hidden
 * fields — to CSV or Excel, page by page so memory stays flat. Every text cell that a
 * spreadsheet would run as a formula is neutralised (S10).
 */
@Injectable()
export class RecordExportService {
  constructor(
    private readonly lists: RecordListService,
    private readonly access: AccessService,
  ) {}

  async prepare(formId: string, input: ListQueryInput, lang: Language) {
    const { form, query } = await this.lists.query(formId, input);
    return { form, query, columns: exportColumns(form.definition, query.columns, lang) };
  }

  async write(
    formId: string,
    user: AuthUser,
    input: ListQueryInput,
    format: SheetFormat,
    lang: Language,
    out: Writable,
  ): Promise<void> {
    const prepared = await this.prepare(formId, input, lang);
    const { query } = prepared;
    await this.lists.refuseHiddenFields(formId, query, user);
    // Columns of fields the user may not see are not in the file at all.
    const hidden = (await this.access.hiddenFields(user, [formId])).get(formId) ?? new Set();
    const columns = prepared.columns.filter((c) => !c.field || !hidden.has(c.key));
    const pageQuery = { ...query, columns: null };
    const header = columns.map((c) => neutralizeFormula(c.label));
    const workbook =
      format === 'xlsx'
        ? new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false })
        : null;
    const sheet = workbook?.addWorksheet('records');
    if (sheet) sheet.addRow(header).commit();
    else out.write(`\ufeff${stringify([header])}`);
    let cursor: string | undefined;
    let written = 0;
    do {
      const page = await this.lists.pageOf(formId, pageQuery, user, PAGE, cursor, 'export');
      const rows = page.items.map((r) => rowOf(columns, r, lang));
      if (sheet) for (const row of rows) sheet.addRow(row).commit();
      else if (rows.length > 0) out.write(stringify(rows));
      written += rows.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && written < EXPORT_MAX_ROWS);
    if (workbook) {
      sheet!.commit();
      await workbook.commit();
    } else out.end();
  }
}
