import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { WorkflowModule } from '../processes/workflow.module';
import { DuplicatesController } from './duplicates.controller';
import { RecordViewsController } from './record-views.controller';
import { RecordViews } from './record-views.service';

/** Around the records: duplicate checks, saved views, import and export, public form links. */
@Module({
  imports: [AppsModule, WorkflowModule],
  controllers: [DuplicatesController, RecordViewsController],
  providers: [RecordViews],
})
export class RecordsModule {}
