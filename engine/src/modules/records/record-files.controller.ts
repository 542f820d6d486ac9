import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { FormPermission, SignedIn, param } from '../../common/policy/route-policy';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { badRequest } from '../../common/errors/app-error';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { listInputOf, listQuerySchema } from './record-list.params';
import { RecordExportService, type SheetFormat } from './record-export.service';
import { RecordImportService, type ImportStatus } from './record-import.service';
import type { Language } from './spreadsheet-cells';

const importQuerySchema = new RequestSchema<{ format: SheetFormat; fileName?: string }>({
  type: 'object',
  properties: {
    format: { enum: ['csv', 'xlsx'] },
    fileName: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['format'],
  additionalProperties: false,
});

const CONTENT_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

@ApiTags('records')
@ApiBearerAuth()
@Controller('api')
export class RecordFilesController {
  constructor(
    private readonly exports: RecordExportService,
    private readonly imports: RecordImportService,
  ) {}

  @FormPermission('export', param('formId'))
  @Get('forms/:formId/export')
  @ApiOperation({
    summary: 'Export the records a list shows, as CSV or Excel',
    description:
      'Same query parameters as the list (filter, sort, search, columns, tz) plus format=csv|xlsx and lang=zh|en for headers and choice labels. Cells a spreadsheet would read as formulas (= + - @ tab CR) are prefixed with an apostrophe.',
  })
  @ApiQuery({ name: 'format', required: true, enum: ['csv', 'xlsx'] })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'] })
  async export(
    @Param('formId') formId: string,
    @CurrentUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const { lang: rawLang, ...rest } = query;
    if (rawLang !== undefined && rawLang !== 'zh' && rawLang !== 'en')
      throw badRequest('validation_failed', 'lang is zh or en.');
    const lang: Language = rawLang === 'en' ? 'en' : 'zh';
    const q = listQuerySchema.parse(rest);
    const format: SheetFormat = q.format === 'xlsx' ? 'xlsx' : 'csv';
    if (!q.format) throw badRequest('validation_failed', 'format is csv or xlsx.');
    const id = uuidOrNotFound(formId, 'The form');
    const input = listInputOf(q);
    const { form } = await this.exports.prepare(id, input, lang);
    const name = `${form.key}-${new Date().toISOString().slice(0, 10)}.${format}`;
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    await this.exports.write(id, user, input, format, lang, res);
  }

  @FormPermission('import', param('formId'))
  @Post('forms/:formId/imports')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import a CSV or Excel file as records (a background job)',
    description:
      'The body is the file itself (Content-Type text/csv, application/octet-stream or the xlsx type; at most 10 MB). Headers name fields by key or label. Every row is checked like a submission; poll GET /api/imports/{id} for progress and per-row errors.',
  })
  @ApiConsumes('text/csv', 'application/octet-stream', CONTENT_TYPES.xlsx)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'format', required: true, enum: ['csv', 'xlsx'] })
  @ApiQuery({ name: 'fileName', required: false })
  startImport(
    @Param('formId') formId: string,
    @CurrentUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<ImportStatus> {
    const q = importQuerySchema.parse(query);
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw badRequest(
        'invalid_file',
        'Send the file as the request body (Content-Type text/csv or the xlsx type).',
      );
    return this.imports.start(uuidOrNotFound(formId, 'The form'), user, {
      name: q.fileName ?? `import.${q.format}`,
      format: q.format,
      content: body,
    });
  }

  @SignedIn()
  @Get('imports/:id')
  @ApiOperation({ summary: 'Progress and per-row errors of an import' })
  importStatus(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<ImportStatus> {
    return this.imports.status(uuidOrNotFound(id, 'The import'), user);
  }
}
