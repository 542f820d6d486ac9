import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { JsonObject, JsonValue } from '@liuyun/definitions';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { FormPermission, RecordPermission, param } from '../../common/policy/route-policy';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { FieldLookups, type LinkCandidate, type RelatedRow } from './field-lookups.service';

const linkageSchema = new RequestSchema<{ data: JsonObject }>({
  type: 'object',
  required: ['data'],
  additionalProperties: false,
  properties: { data: { type: 'object' } },
});

/** Lookups of fields that read other forms (signed-in users; records filtered by who may read them). */
@ApiTags('fields')
@ApiBearerAuth()
@Controller('api')
export class FieldLookupsController {
  constructor(private readonly lookups: FieldLookups) {}

  /** Options of a choice field from another form (`x-options-from`): the distinct values. */
  @Get('forms/:formId/fields/:field/options')
  @FormPermission('add', param('formId'), { readOnly: true })
  async options(
    @Param('formId') formId: string,
    @Param('field') field: string,
    @CurrentUser() user: AuthUser,
  ): Promise<{ values: JsonValue[] }> {
    return { values: await this.lookups.options(uuidOrNotFound(formId, 'The form'), field, user) };
  }

  /** Records a linked-record field may pick, newest first, with what each would copy in. */
  @Get('forms/:formId/fields/:field/candidates')
  @FormPermission('add', param('formId'), { readOnly: true })
  @ApiQuery({ name: 'q', required: false, description: 'Text searched in the display field.' })
  async candidates(
    @Param('formId') formId: string,
    @Param('field') field: string,
    @Query('q') q: string | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<{ items: LinkCandidate[] }> {
    const search = (q ?? '').slice(0, 100);
    return {
      items: await this.lookups.candidates(uuidOrNotFound(formId, 'The form'), field, search, user),
    };
  }

  /** The data-linkage value of a field for the record being filled in (`{ data }`). */
  @Post('forms/:formId/fields/:field/linkage')
  @FormPermission('add', param('formId'), { readOnly: true })
  @HttpCode(200)
  async linkage(
    @Param('formId') formId: string,
    @Param('field') field: string,
    @Body() body: unknown,
  ): Promise<{ value: JsonValue }> {
    const { data } = linkageSchema.parse(body);
    return { value: await this.lookups.linkage(uuidOrNotFound(formId, 'The form'), field, data) };
  }

  /** The rows of a related-list field of a record. */
  @Get('records/:id/related/:field')
  @RecordPermission('view', param('id'))
  async related(
    @Param('id') id: string,
    @Param('field') field: string,
    @CurrentUser() user: AuthUser,
  ): Promise<{ items: RelatedRow[] }> {
    return { items: await this.lookups.related(uuidOrNotFound(id, 'The record'), field, user) };
  }
}
