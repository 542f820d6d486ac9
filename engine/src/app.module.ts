import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { SeedService } from './bootstrap/seed.service';
import { ErrorEnvelopeFilter } from './common/errors/error-envelope.filter';
import type { AppConfig } from './config/app-config';
import { CoreModule } from './database/database.module';
import { AccessModule } from './modules/access/access.module';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { AppsModule } from './modules/apps/apps.module';
import { AuditModule } from './modules/audit/audit.module';
import { AutomationsModule } from './modules/automations/automations.module';
import { FlowsModule } from './modules/flows/flows.module';
import { HealthController } from './modules/health/health.controller';
import { IdentityModule } from './modules/identity/identity.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ObservabilityModule } from './modules/operations/observability.module';
import { OperationsModule } from './modules/operations/operations.module';
import { TemplatePublishingModule } from './modules/templates/template-publishing.module';
import { TransferModule } from './modules/transfer/transfer.module';
import { WorkflowModule } from './modules/processes/workflow.module';
import { RecordsModule } from './modules/records/records.module';
import { WorkspaceModule } from './modules/workspace/workspace.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, dataSource),
        ObservabilityModule,
        IdentityModule,
        AccessModule,
        AppsModule,
        JobsModule,
        NotificationsModule,
        WorkflowModule,
        FlowsModule,
        AutomationsModule,
        RecordsModule,
        OperationsModule,
        TransferModule,
        TemplatePublishingModule,
        AnalyticsModule,
        WorkspaceModule,
        AuditModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ErrorEnvelopeFilter }, SeedService],
    };
  }
}
