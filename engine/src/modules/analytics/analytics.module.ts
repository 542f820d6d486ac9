import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { IdentityModule } from '../identity/identity.module';
import { ChartEvaluator } from './chart-evaluator.service';
import { DashboardRepository } from './dashboard.repository';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';

/** Dashboards: stored per app, evaluated in SQL over records and tasks per viewer. */
@Module({
  imports: [IdentityModule, AppsModule],
  controllers: [DashboardsController],
  providers: [DashboardsService, DashboardRepository, ChartEvaluator],
  exports: [DashboardsService],
})
export class AnalyticsModule {}
