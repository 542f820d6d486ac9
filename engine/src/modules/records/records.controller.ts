import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { decodeCursor, parseLimit } from '../../common/pagination/cursor';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { RecordsService, type RecordView } from './records.service';

// The shape of `data` is the form's business: checked by the form's own schema and rules.
const submitSchema = new RequestSchema<{ data: unknown }>({
  type: 'object',
  properties: { data: {} },
  required: ['data'],
  additionalProperties: false,
});

@ApiTags('records')
@ApiBearerAuth()
@Controller('api')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Post('forms/:formId/records')
  submit(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<RecordView> {
    const { data } = submitSchema.parse(body);
    return this.records.submit(uuidOrNotFound(formId, 'The form'), data, user);
  }

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

  @Get('records/:id')
  one(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<RecordView> {
    return this.records.view(uuidOrNotFound(id, 'The record'), user);
  }
}
