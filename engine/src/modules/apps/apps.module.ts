import { Module } from '@nestjs/common';
import { TemplatesController } from '../templates/templates.controller';
import { TemplatesService } from '../templates/templates.service';
import { AppFormsController } from './app-forms.controller';
import { AppFormsService } from './app-forms.service';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';
import { FormVersionCache } from './form-version.cache';

@Module({
  controllers: [AppsController, AppFormsController, TemplatesController],
  providers: [AppsService, AppFormsService, FormVersionCache, TemplatesService],
  exports: [AppsService, FormVersionCache, TemplatesService],
})
export class AppsModule {}
