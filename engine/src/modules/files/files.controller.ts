import { Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FileRef } from '@liuyun/definitions';
import type { Request, Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { SignedIn } from '../../common/policy/route-policy';
import { badRequest } from '../../common/errors/app-error';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { INLINE_TYPES } from './file-types';
import { FilesService } from './files.service';

function fileNameOf(header: string | undefined): string {
  if (header === undefined || header === '') return 'file';
  try {
    return decodeURIComponent(header);
  } catch {
    throw badRequest(
      'invalid_file_name',
      'X-File-Name must be percent-encoded (encodeURIComponent).',
    );
  }
}

/** Uploads (the raw bytes as the body) and permission-checked downloads. */
@ApiTags('files')
@ApiBearerAuth()
@Controller('api/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /**
   * The body is the file itself; `Content-Type` its type, `X-File-Name` its name. With
   * `form` and `field` the field's limits apply; without, it is a comment attachment.
   */
  @Post()
  // Field limits are checked against `form`/`field`; the file stays the uploader's until a record takes it.
  @SignedIn()
  @ApiConsumes('application/octet-stream')
  @ApiHeader({
    name: 'X-File-Name',
    required: true,
    description: 'The file name, percent-encoded.',
  })
  @ApiQuery({ name: 'form', required: false, description: 'The form whose field takes the file.' })
  @ApiQuery({ name: 'field', required: false, description: '`key`, or `subForm.key` inside rows.' })
  async upload(
    @Req() req: Request & { body: unknown },
    @CurrentUser() user: AuthUser,
    @Headers('content-type') type: string | undefined,
    @Headers('x-file-name') name: string | undefined,
    @Query('form') form: string | undefined,
    @Query('field') field: string | undefined,
  ): Promise<FileRef> {
    if (!Buffer.isBuffer(req.body)) throw badRequest('empty_file', 'Send the file as the body.');
    if ((form === undefined) !== (field === undefined))
      throw badRequest('invalid_query', 'Give both `form` and `field`, or neither.');
    const target =
      form !== undefined && field !== undefined
        ? { formId: uuidOrNotFound(form, 'The form'), field }
        : null;
    return this.files.upload(user, target, fileNameOf(name), type ?? '', req.body);
  }

  /** The file, for its uploader or anyone who may read the record holding it. */
  @Get(':id')
  // The service answers 404 unless the user uploaded the file or may read its record.
  @SignedIn({ readOnly: true })
  @ApiQuery({ name: 'inline', required: false, description: '1: show images in the page.' })
  async download(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Query('inline') inline: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { file, bytes } = await this.files.download(user, uuidOrNotFound(id, 'The file'));
    const showInline = inline === '1' && INLINE_TYPES.has(file.type);
    res.setHeader('Content-Type', showInline ? file.type : 'application/octet-stream');
    res.setHeader(
      'Content-Disposition',
      `${showInline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.send(bytes);
  }
}
