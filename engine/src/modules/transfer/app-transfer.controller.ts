import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { AdminOnly } from '../../common/policy/route-policy';
import { badRequest } from '../../common/errors/app-error';
import { appExportSchema, type AppExportFile } from './app-export.format';
import { AppExportService } from './app-export.service';
import { AppImportService, type ImportSummary } from './app-import.service';
import { appExportDoc, importSummaryDoc } from './app-transfer.openapi';

function flag(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw badRequest('validation_failed', `${name} must be true or false.`);
}

/** Moving an app between Liuyun installations: one JSON file out, the same file in. */
@ApiTags('apps')
@ApiBearerAuth()
@Controller('api/apps')
export class AppTransferController {
  constructor(
    private readonly exporter: AppExportService,
    private readonly importer: AppImportService,
  ) {}

  @AdminOnly({ readOnly: true })
  @Get(':appKey/export')
  @ApiOperation({
    summary: 'Export an app to one file (administrators)',
    description:
      'Every published version of its forms and flows, drafts, automations and roles; with records=true its records too, with files=true their files as well (base64). Answers as a download (Content-Disposition).',
  })
  @ApiQuery({ name: 'records', required: false, type: Boolean })
  @ApiQuery({
    name: 'files',
    required: false,
    type: Boolean,
    description: 'the records’ files too (implies records)',
  })
  @ApiOkResponse({ schema: appExportDoc })
  async export(
    @Param('appKey') appKey: string,
    @Query('records') records: string | undefined,
    @Query('files') files: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppExportFile> {
    const file = await this.exporter.export(appKey, {
      records: flag(records, 'records'),
      files: flag(files, 'files'),
    });
    const day = file.exportedAt.slice(0, 10);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${encodeURIComponent(file.app.key)}-${day}.liuyun.json"`,
    );
    return file;
  }

  @AdminOnly()
  @Post('import')
  @ApiOperation({
    summary: 'Import an app export (administrators)',
    description:
      'A new app key creates the app with all its versions (and records, keeping their ids). An app already here gets the file’s current version of each changed form published as a new version, and its automations updated; records are refused then (409 app_exists). Invalid files answer 422 import_invalid with every problem; nothing is stored. Up to 100 MB.',
  })
  @ApiBody({ schema: appExportDoc })
  @ApiOkResponse({ schema: importSummaryDoc })
  import(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<ImportSummary> {
    return this.importer.import(appExportSchema.parse(body), user);
  }
}
