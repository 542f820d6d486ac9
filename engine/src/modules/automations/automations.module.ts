import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { IdentityModule } from '../identity/identity.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WorkflowModule } from '../processes/workflow.module';
import { AutomationEffects } from './automation-effects.service';
import { AutomationHooksController } from './automation-hooks.controller';
import { AutomationRequests } from './automation-requests.service';
import { AutomationRunStore } from './automation-run.store';
import { AutomationRunner } from './automation-runner.service';
import { AutomationRunsController } from './automation-runs.controller';
import { AutomationSchedule } from './automation-schedule.service';
import { AutomationTriggers } from './automation-triggers.service';
import { AutomationRepository } from './automation.repository';
import { AutomationsController } from './automations.controller';
import { AutomationsService } from './automations.service';
import { RecordDeletionController } from './record-deletion.controller';
import { RecordDeletion } from './record-deletion.service';
import { TemplateAutomationsInstaller } from './template-automations.installer';

/**
 * Automations (智能助手): triggers on record changes, process steps, schedules, inbound
 * webhooks and a manual button queue runs in the triggering transaction; the job worker
 * runs each through the process runtime and applies its effects; every run is logged.
 */
@Module({
  imports: [IdentityModule, AppsModule, JobsModule, NotificationsModule, WorkflowModule],
  controllers: [
    AutomationsController,
    AutomationRunsController,
    AutomationHooksController,
    RecordDeletionController,
  ],
  providers: [
    AutomationRepository,
    AutomationRunStore,
    AutomationTriggers,
    AutomationSchedule,
    AutomationEffects,
    AutomationRunner,
    TemplateAutomationsInstaller,
    AutomationsService,
    AutomationRequests,
    RecordDeletion,
  ],
  exports: [AutomationRepository, AutomationSchedule, AutomationsService],
})
export class AutomationsModule {}
