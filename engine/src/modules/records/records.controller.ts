import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { AppError, badRequest } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { decodeCursor, parseLimit } from '../../common/pagination/cursor';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { TaskActionsService } from '../processes/task-actions.service';
import { RecordsService, type RecordView } from './records.service';
import { FormPermission, RecordPermission, param } from '../../common/policy/route-policy';

// The shape of `data` is the form's business: checked by the form's own schema and rules.
const submitSchema = new RequestSchema<{ data: unknown }>({
  type: 'object',
  properties: { data: {} },
  required: ['data'],
  additionalProperties: false,
});

/** If-Match carries the record's version as an ETag: `"3"` (weak `W/"3"` accepted). */
function parseIfMatch(raw: string | undefined): number {
  if (raw === undefined) {
    throw new AppError(
      428,
      'precondition_required',
      'Send If-Match with the version you edited (the ETag of the record).',
    );
  }
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!m?.[1])
    throw badRequest('invalid_if_match', 'If-Match must be the record version, e.g. "3".');
  return Number(m[1]);
}

@ApiTags('records')
@ApiBearerAuth()
@Controller('api')
export class RecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly actions: TaskActionsService,
  ) {}

  @FormPermission('add', param('formId'))
  @Post('forms/:formId/records')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeats with the same key get the first answer.',
  })
  submit(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<RecordView> {
    const { data } = submitSchema.parse(body);
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw badRequest(
        'invalid_idempotency_key',
        'Idempotency-Key must be 1 to 200 visible ASCII characters.',
      );
    }
    return this.records.submit(uuidOrNotFound(formId, 'The form'), data, user, idempotencyKey);
  }

  @FormPermission('view', param('formId'))
  @Get('forms/:formId/records')
  list(
    @Param('formId') formId: string,
    @CurrentUser() user: AuthUser,
    @Query('limit') limit: string | undefined,
    @Query('cursor') cursor: string | undefined,
  ): Promise<{ items: RecordView[]; nextCursor: string | null }> {
    return this.records.list(
      uuidOrNotFound(formId, 'The form'),
      user,
      parseLimit(limit, 20, 100),
      decodeCursor(cursor),
    );
  }

  @RecordPermission('view', param('id'))
  @Get('records/:id')
  async one(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordView> {
    const record = await this.records.view(uuidOrNotFound(id, 'The record'), user);
    res.setHeader('ETag', `"${record.version}"`);
    return record;
  }

  /** Starts the form's manual flow on this record. */
  @RecordPermission('edit', param('id'))
  @Post('records/:id/start')
  @HttpCode(200)
  start(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<RecordView> {
    return this.records.startManually(uuidOrNotFound(id, 'The record'), user);
  }

  /** The submitter takes a running process back (if the flow's withdraw policy allows). */
  @RecordPermission('view', param('id'))
  @Post('records/:id/withdraw')
  @HttpCode(200)
  async withdraw(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<RecordView> {
    const recordId = uuidOrNotFound(id, 'The record');
    await this.records.view(recordId, user);
    await this.actions.withdraw(recordId, user);
    return this.records.view(recordId, user);
  }

  @RecordPermission('edit', param('id'))
  @Patch('records/:id')
  @ApiHeader({
    name: 'If-Match',
    required: true,
    description: 'The version (ETag) the edit was made from.',
  })
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordView> {
    const { data } = submitSchema.parse(body);
    const version = parseIfMatch(ifMatch);
    const record = await this.records.update(uuidOrNotFound(id, 'The record'), data, user, version);
    res.setHeader('ETag', `"${record.version}"`);
    return record;
  }
}
