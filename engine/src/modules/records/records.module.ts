import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { WorkflowModule } from '../processes/workflow.module';
import { DuplicatesController } from './duplicates.controller';

/** Around the records: duplicate checks, saved views, import and export, public form links. */
@Module({
  imports: [AppsModule, WorkflowModule],
  controllers: [DuplicatesController],
})
export class RecordsModule {}
