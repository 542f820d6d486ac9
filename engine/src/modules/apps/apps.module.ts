import { Module } from '@nestjs/common';
import { TemplatePreviewController } from '../templates/template-preview.controller';
import { TemplatesController } from '../templates/templates.controller';
import { TemplatesService } from '../templates/templates.service';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';
import { FormVersionCache } from './form-version.cache';

@Module({
  controllers: [AppsController, TemplatesController, TemplatePreviewController],
  providers: [AppsService, FormVersionCache, TemplatesService],
  exports: [AppsService, FormVersionCache, TemplatesService],
})
export class AppsModule {}
