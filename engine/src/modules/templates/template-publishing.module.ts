import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AutomationsModule } from '../automations/automations.module';
import { TemplatePublishService } from './template-publish.service';
import { TemplatePublishingController } from './template-publishing.controller';
import { TemplateUpgradeService } from './template-upgrade.service';

/** Templates published from apps, and upgrades of apps installed from templates. */
@Module({
  imports: [AppsModule, AutomationsModule],
  controllers: [TemplatePublishingController],
  providers: [TemplatePublishService, TemplateUpgradeService],
})
export class TemplatePublishingModule {}
