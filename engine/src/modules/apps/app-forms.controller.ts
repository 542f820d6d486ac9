import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { CanBuild, param } from '../../common/policy/route-policy';
import { AppFormsService, type CreatedForm } from './app-forms.service';
import { definitionBodySchema } from './definition-body.schema';

const createdFormDoc = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    version: { type: 'integer' },
  },
};

/** The forms of an app: adding one (the designer's "new form"). */
@ApiTags('apps')
@ApiBearerAuth()
@Controller('api/apps/:appKey/forms')
export class AppFormsController {
  constructor(private readonly forms: AppFormsService) {}

  @CanBuild({ appKey: param('appKey') })
  @Post()
  @ApiOperation({
    summary: 'Add a form to an app (who may build the app)',
    description:
      'The definition (and flow) are checked like a publish (422 definition_invalid with details) and stored as version 1; 409 already_exists when the app has a form with that key.',
  })
  @ApiBody({ schema: definitionBodySchema.openApi })
  @ApiCreatedResponse({ schema: createdFormDoc })
  create(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<CreatedForm> {
    const parsed = definitionBodySchema.parse(body);
    return this.forms.create(appKey, parsed.definition, parsed.flow ?? null, user.id);
  }
}
