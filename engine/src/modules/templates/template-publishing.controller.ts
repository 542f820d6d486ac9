import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { AdminOnly } from '../../common/policy/route-policy';
import type { PublishedTemplate, UpgradePlan, UpgradeResult } from '@liuyun/definitions';
import { TemplatePublishService } from './template-publish.service';
import { publishTemplateSchema, upgradeSchema } from './template-requests.schema';
import { TemplateUpgradeService } from './template-upgrade.service';

/** Publishing an app to the template gallery, and upgrading an app installed from a template. */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/apps/:appKey')
export class TemplatePublishingController {
  constructor(
    private readonly publisher: TemplatePublishService,
    private readonly upgrades: TemplateUpgradeService,
  ) {}

  @AdminOnly()
  @Post('publish-template')
  @ApiOperation({
    summary: 'Publish the app as a template version (administrators)',
    description:
      'The app’s published forms, flows, automations and dashboards (and with samples=true its records as sample data) become a template version in the gallery. 409 version_not_newer unless the version is higher than the last one of that key, 409 template_key_taken for a built-in key, 422 definition_invalid with details.',
  })
  @ApiBody({ schema: publishTemplateSchema.openApi })
  @ApiCreatedResponse({ description: 'The published version' })
  publish(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<PublishedTemplate> {
    return this.publisher.publish(appKey, publishTemplateSchema.parse(body), user);
  }

  @AdminOnly({ readOnly: true })
  @Get('template-upgrade')
  @ApiOperation({
    summary:
      'What upgrading the app to its template’s newest version would change (administrators)',
    description:
      'Every form, field, setting, flow, automation and dashboard the new version changed (added, changed, removed), what the app did with it, and the outcome: apply (untouched here), keep, same, or conflict (both changed: decide). breaksRecords counts stored records a field change would make invalid. 409 not_from_template.',
  })
  @ApiOkResponse({ description: 'The upgrade plan' })
  plan(@Param('appKey') appKey: string): Promise<UpgradePlan> {
    return this.upgrades.plan(appKey);
  }

  @AdminOnly()
  @Post('template-upgrade')
  @ApiOperation({
    summary: 'Upgrade the app to its template’s newest version (administrators)',
    description:
      'Three-way merge: untouched changes applied, local edits kept, every conflict resolved by resolutions[id] = mine | theirs (409 conflicts_unresolved otherwise). Changed forms get a new version through the publish path (running instances keep theirs); records are never touched: 422 records_incompatible when a field change would make stored records invalid. 409 template_moved when revision is not the plan’s.',
  })
  @ApiBody({ schema: upgradeSchema.openApi })
  @ApiCreatedResponse({ description: 'What the upgrade did' })
  upgrade(
    @Param('appKey') appKey: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<UpgradeResult> {
    return this.upgrades.upgrade(appKey, upgradeSchema.parse(body), user);
  }
}
