import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { IdentityModule } from '../identity/identity.module';
import { RecordsController } from '../records/records.controller';
import { RecordsService } from '../records/records.service';
import { ProcessRunner } from './process-runner.service';
import { TaskActionsService } from './task-actions.service';
import { TaskViewsService } from './task-views.service';
import { TasksController } from './tasks.controller';

/** Records and the processes they start: a submission and its flow commit together. */
@Module({
  imports: [IdentityModule, AppsModule],
  controllers: [RecordsController, TasksController],
  providers: [RecordsService, ProcessRunner, TaskActionsService, TaskViewsService],
  exports: [RecordsService],
})
export class WorkflowModule {}
