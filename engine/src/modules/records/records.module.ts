import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { IdentityModule } from '../identity/identity.module';
import { JobsModule } from '../jobs/jobs.module';
import { WorkflowModule } from '../processes/workflow.module';
import { DuplicatesController } from './duplicates.controller';
import { RecordViewsController } from './record-views.controller';
import { RecordFilesController } from './record-files.controller';
import { PublicLinksController } from './public-links.controller';
import { PublicLinks } from './public-links.service';
import { RecordExportService } from './record-export.service';
import { RecordImportService } from './record-import.service';
import { RecordViews } from './record-views.service';

/** Around the records: duplicate checks, saved views, import and export, public form links. */
@Module({
  imports: [AppsModule, IdentityModule, JobsModule, WorkflowModule],
  controllers: [
    DuplicatesController,
    RecordViewsController,
    RecordFilesController,
    PublicLinksController,
  ],
  providers: [RecordViews, RecordExportService, RecordImportService, PublicLinks],
})
export class RecordsModule {}
