import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { UserPreferencesService } from './user-preferences.service';
import { WorkspaceSummaryService } from './workspace-summary.service';
import { WorkspaceController } from './workspace.controller';

/** The staff workspace's own routes: the home summary and each user's preferences. */
@Module({
  imports: [AppsModule],
  controllers: [WorkspaceController],
  providers: [WorkspaceSummaryService, UserPreferencesService],
})
export class WorkspaceModule {}
