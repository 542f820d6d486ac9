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
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError, badRequest } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { parseLimit } from '../../common/pagination/cursor';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { TaskActionsService } from '../processes/task-actions.service';
import { RecordListService, type RecordGroup, type RecordPage } from './record-list.service';
import { listInputOf, listQuerySchema } from './record-list.params';
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
    private readonly lists: RecordListService,
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
  @ApiOperation({
    summary: "A page of the form's records the user may see",
    description:
      'filter: JSON list of { field, op, value } (or { match: "all"|"any", conditions }); ops per field kind: eq, ne, contains, not_contains, starts_with, in, not_in, gt, gte, lt, lte, between, within (today, this_week, last_30_days, ...), empty, not_empty, is_me. sort: "<field>:asc|desc" (fields, createdAt, updatedAt). search: full text over text fields. columns: comma list of fields kept in data. Pages by keyset: pass nextCursor back as cursor.',
  })
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'search', required: false })
  @ApiQuery({ name: 'columns', required: false })
  @ApiQuery({ name: 'tz', required: false, description: 'IANA time zone for relative dates' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  list(
    @Param('formId') formId: string,
    @CurrentUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ): Promise<RecordPage> {
    const q = listQuerySchema.parse(query);
    return this.lists.page(
      uuidOrNotFound(formId, 'The form'),
      user,
      listInputOf(q),
      parseLimit(q.limit, 20, 200),
      q.cursor,
    );
  }

  /** Kanban columns: counts of the records per value of a select field (same filters as the list). */
  @FormPermission('view', param('formId'))
  @Get('forms/:formId/records/groups')
  @ApiQuery({ name: 'field', required: true })
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'search', required: false })
  groups(
    @Param('formId') formId: string,
    @CurrentUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ): Promise<{ field: string; groups: RecordGroup[] }> {
    const q = listQuerySchema.parse(query);
    if (!q.field) throw badRequest('invalid_group_field', 'Name the field to group by: ?field=.');
    return this.lists.groups(uuidOrNotFound(formId, 'The form'), user, listInputOf(q), q.field);
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
