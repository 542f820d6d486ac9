import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { JobsModule } from '../jobs/jobs.module';
import { MetricsController } from './metrics.controller';
import { OperationsController } from './operations.controller';
import { OperationsFiguresService } from './operations-figures.service';
import { ReadinessService } from './readiness.service';

/** Readiness (`/api/ready`), Prometheus metrics (`/metrics`) and their JSON for the admin page. */
@Module({
  imports: [IdentityModule, JobsModule],
  controllers: [OperationsController, MetricsController],
  providers: [ReadinessService, OperationsFiguresService],
})
export class OperationsModule {}
