import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { FieldsModule } from '../fields/fields.module';
import { IdentityModule } from '../identity/identity.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { BusinessClock } from './business-clock.service';
import { RecordWriter } from './record-writer.service';
import { TimerJobHandler } from './timer-job.handler';
import { FlowSchedule } from './flow-schedule.service';
import { AutomationWrittenFlows } from './automation-written-flows.service';
import { RecordsController } from '../records/records.controller';
import { RecordChangeBus } from '../records/record-change.bus';
import { RecordsService } from '../records/records.service';
import { RecordIndexes } from '../records/record-indexes.service';
import { RecordListService } from '../records/record-list.service';
import { RecordKeys } from '../records/record-keys.service';
import { HistoricalRecordsWriter } from '../records/historical-records.writer';
import { ProcessRunner } from './process-runner.service';
import { TaskActionsService } from './task-actions.service';
import { TaskViewsService } from './task-views.service';
import { TasksController } from './tasks.controller';

/** Records and the processes they start: a submission and its flow commit together. */
@Module({
  imports: [IdentityModule, AppsModule, JobsModule, NotificationsModule, FieldsModule],
  controllers: [RecordsController, TasksController],
  providers: [
    RecordsService,
    ProcessRunner,
    TaskActionsService,
    TaskViewsService,
    BusinessClock,
    RecordWriter,
    TimerJobHandler,
    FlowSchedule,
    AutomationWrittenFlows,
    RecordChangeBus,
    RecordListService,
    RecordIndexes,
    RecordKeys,
    HistoricalRecordsWriter,
  ],
  exports: [
    HistoricalRecordsWriter,
    RecordsService,
    RecordChangeBus,
    RecordListService,
    RecordKeys,
    RecordIndexes,
    ProcessRunner,
    BusinessClock,
    RecordWriter,
  ],
})
export class WorkflowModule {}
