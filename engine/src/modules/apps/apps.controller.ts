import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AppDefinition } from '@liuyun/definitions';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequestSchema } from '../../common/validation/request-validator';
import { uuidOrNotFound } from '../../common/validation/uuid-param';
import { AccessService } from '../access/access.service';
import type { FieldAccess } from '../access/permission-set.types';
import { definitionBodySchema } from './definition-body.schema';
import { AppsService, type AppSummary, type PublishedForm } from './apps.service';
import {
  AdminOnly,
  CanPublish,
  FormPermission,
  SignedIn,
  param,
} from '../../common/policy/route-policy';

const createAppSchema = new RequestSchema<AppDefinition>({
  type: 'object',
  properties: {
    key: { type: 'string' },
    name: { type: 'object' },
    description: { type: 'object' },
    forms: { type: 'array' },
  },
  required: ['key', 'name', 'forms'],
  additionalProperties: false,
});

@ApiTags('apps')
@ApiBearerAuth()
@Controller('api')
export class AppsController {
  constructor(
    private readonly apps: AppsService,
    private readonly access: AccessService,
  ) {}

  @SignedIn()
  @Get('apps')
  list(): Promise<AppSummary[]> {
    return this.apps.listApps();
  }

  /** Creates an app from a definition: every form (and flow) checked, then published as v1. */
  @AdminOnly()
  @Post('apps')
  create(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<AppSummary> {
    const definition = createAppSchema.parse(body);
    return this.apps.createFromDefinition(definition, user.id);
  }

  /** The published form, with the fields the caller's permission sets hide or make read-only. */
  @FormPermission('view', param('formId'))
  @Get('forms/:formId')
  async form(
    @Param('formId') formId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<PublishedForm & { access: { fields: Record<string, FieldAccess> } }> {
    const id = uuidOrNotFound(formId, 'The form');
    const published = await this.apps.publishedForm(id);
    const fields = Object.fromEntries(await this.access.fields(user, id));
    return { ...published, access: { fields } };
  }

  @CanPublish({ form: param('formId') })
  @Post('forms/:formId/versions')
  publish(
    @Param('formId') formId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<{ formId: string; version: number }> {
    const parsed = definitionBodySchema.parse(body);
    return this.apps.publish(
      uuidOrNotFound(formId, 'The form'),
      parsed.definition,
      parsed.flow ?? null,
      user.id,
    );
  }
}
