import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { requireAdmin } from '../../common/auth/require-admin';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
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
@Controller('api/apps/:appId/forms')
export class AppFormsController {
  constructor(private readonly forms: AppFormsService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a form to an app (administrators)',
    description:
      'The definition (and flow) are checked like a publish (422 definition_invalid with details) and stored as version 1; 409 already_exists when the app has a form with that key.',
  })
  @ApiBody({ schema: definitionBodySchema.openApi })
  @ApiCreatedResponse({ schema: createdFormDoc })
  create(
    @Param('appId') appId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<CreatedForm> {
    requireAdmin(user);
    const id = uuidOrNotFound(appId, 'The app');
    const parsed = definitionBodySchema.parse(body);
    return this.forms.create(id, parsed.definition, parsed.flow ?? null, user.id);
  }
}
