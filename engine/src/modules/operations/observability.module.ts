import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';
import { ProcessLifecycle } from './process-lifecycle.service';

/** The lifecycle of this process and its metrics, for every module to report into. */
@Global()
@Module({
  providers: [ProcessLifecycle, MetricsService],
  exports: [ProcessLifecycle, MetricsService],
})
export class ObservabilityModule {}
