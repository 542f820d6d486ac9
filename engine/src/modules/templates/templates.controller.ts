import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import type { TemplateSummary } from '@liuyun/definitions';
import { TemplatesService, type InstalledTemplateApp } from './templates.service';
import { AdminOnly, SignedIn } from '../../common/policy/route-policy';
import { installTemplateSchema } from './template-requests.schema';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @SignedIn()
  @Get()
  @ApiOperation({
    summary: 'The gallery: built-in templates and templates published from apps',
    description:
      'Each with its newest version, and the apps installed from it (upgradeAvailable when the template changed since).',
  })
  list(): Promise<TemplateSummary[]> {
    return this.templates.list();
  }

  @AdminOnly()
  @Post(':key/install')
  @ApiOperation({
    summary: 'Install a template as a new app (administrators)',
    description:
      'Creates an ordinary, editable app (key: appKey, default the template’s) from the template’s newest version; a published template’s sample records come along unless samples=false. 409 already_installed when the app key is taken (nothing is changed).',
  })
  @ApiBody({ schema: installTemplateSchema.openApi, required: false })
  @ApiCreatedResponse({ description: 'The installed app' })
  install(
    @Param('key') key: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<InstalledTemplateApp> {
    const options = installTemplateSchema.parse(body ?? {});
    return this.templates.install(key, user.id, options);
  }
}
