import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { FormPermission, param } from '../../common/policy/route-policy';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JsonObject } from '@liuyun/definitions';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequestSchema } from '../../common/validation/request-validator';
import { UUID_PATTERN, uuidOrNotFound } from '../../common/validation/uuid-param';
import { AppsService } from '../apps/apps.service';
import { RecordKeys, type FieldDuplicates } from './record-keys.service';

const duplicatesSchema = new RequestSchema<{ data: JsonObject; recordId?: string }>({
  type: 'object',
  properties: {
    data: { type: 'object' },
    recordId: { type: 'string', pattern: UUID_PATTERN },
  },
  required: ['data'],
  additionalProperties: false,
});

@ApiTags('records')
@ApiBearerAuth()
@Controller('api')
export class DuplicatesController {
  constructor(
    private readonly apps: AppsService,
    private readonly keys: RecordKeys,
  ) {}

  /** 查重 before submit: which unique or duplicate-checked values other records already hold. */
  @FormPermission('add', param('formId'), { readOnly: true })
  @Post('forms/:formId/duplicates')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Duplicate check before submit',
    description:
      'For each unique (x-unique) or duplicate-checked (x-dedupe) field of the form: the clashing records the user may see, and for unique fields whether a submit would be refused. Values are compared normalised (trim, NFKC full-width to half-width, case; phone digits only). recordId leaves out the record being edited.',
  })
  @ApiBody({ schema: duplicatesSchema.openApi })
  async check(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<{ duplicates: FieldDuplicates[] }> {
    const id = uuidOrNotFound(formId, 'The form');
    const { data, recordId } = duplicatesSchema.parse(body);
    const form = await this.apps.publishedForm(id);
    const duplicates = await this.keys.find(
      id,
      form.definition,
      data,
      user,
      recordId?.toLowerCase() ?? null,
    );
    return { duplicates };
  }
}
