import { Module } from '@nestjs/common';
import { HttpEgress } from '../../common/egress/http-egress';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { IncidentsController } from './incidents.controller';
import { JobsController } from './jobs.controller';
import { IncidentsService } from './incidents.service';
import { JobQueue } from './job-queue.service';
import { JobWorker } from './job-worker.service';
import { JOB_HANDLERS, type JobHandler } from './job.types';
import { webhookDeliveryHandler } from './webhook-delivery.handler';

@Module({
  controllers: [IncidentsController, JobsController],
  providers: [
    JobQueue,
    JobWorker,
    IncidentsService,
    {
      provide: HttpEgress,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new HttpEgress(config.egressAllowHosts),
    },
    {
      provide: JOB_HANDLERS,
      inject: [HttpEgress],
      useFactory: (egress: HttpEgress): JobHandler[] => [webhookDeliveryHandler(egress)],
    },
  ],
  exports: [JobQueue, JobWorker],
})
export class JobsModule {}
