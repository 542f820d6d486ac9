import { Module } from '@nestjs/common';
import { TemplatePreviewController } from '../templates/template-preview.controller';
import { TemplatesController } from '../templates/templates.controller';
import { TemplatesService } from '../templates/templates.service';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';
import { FormVersionCache } from './form-version.cache';
import { PublishedFormCache } from './published-form.cache';
import { FormPublications } from './form-publications.bus';

@Module({
  controllers: [AppsController, TemplatesController, TemplatePreviewController],
  providers: [
    AppsService,
    FormVersionCache,
    PublishedFormCache,
    FormPublications,
    TemplatesService,
  ],
  exports: [AppsService, FormVersionCache, PublishedFormCache, FormPublications, TemplatesService],
})
export class AppsModule {}
