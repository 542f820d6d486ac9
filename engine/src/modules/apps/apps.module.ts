import { Module } from '@nestjs/common';
import { TemplatePreviewController } from '../templates/template-preview.controller';
import { TemplatesController } from '../templates/templates.controller';
import { TemplatesService } from '../templates/templates.service';
import { AppFormsController } from './app-forms.controller';
import { AppFormsService } from './app-forms.service';
import { TemplateInstallHooks } from '../templates/template-install.hooks';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';
import { FormVersionCache } from './form-version.cache';
import { PublishedFormCache } from './published-form.cache';
import { FormPublications } from './form-publications.bus';

@Module({
  controllers: [AppsController, AppFormsController, TemplatesController, TemplatePreviewController],
  providers: [
    AppsService,
    AppFormsService,
    FormVersionCache,
    PublishedFormCache,
    FormPublications,
    TemplatesService,
    TemplateInstallHooks,
  ],
  exports: [
    AppsService,
    FormVersionCache,
    PublishedFormCache,
    FormPublications,
    TemplatesService,
    TemplateInstallHooks,
  ],
})
export class AppsModule {}
