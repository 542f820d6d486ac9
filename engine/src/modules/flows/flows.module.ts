import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { IdentityModule } from '../identity/identity.module';
import { WorkflowModule } from '../processes/workflow.module';
import { BusinessCalendarController } from './business-calendar.controller';
import { BusinessCalendarService } from './business-calendar.service';
import { FlowSimulationController } from './flow-simulation.controller';
import { FlowSimulationService } from './flow-simulation.service';
import { FormDraftsService } from './form-drafts.service';
import { FormVersionsController } from './form-versions.controller';
import { FormVersionsService } from './form-versions.service';
import { InstanceMigrationService } from './instance-migration.service';

/**
 * Flows as builders see them: simulation, the business calendar, versions, drafts and
 * moving running instances to a newer version.
 */
@Module({
  imports: [IdentityModule, AppsModule, WorkflowModule],
  controllers: [FlowSimulationController, BusinessCalendarController, FormVersionsController],
  providers: [
    FlowSimulationService,
    BusinessCalendarService,
    FormVersionsService,
    FormDraftsService,
    InstanceMigrationService,
  ],
})
export class FlowsModule {}
