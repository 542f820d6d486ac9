import { Module } from '@nestjs/common';
import { AutomationsModule } from '../automations/automations.module';
import { FilesModule } from '../files/files.module';
import { AppExportService } from './app-export.service';
import { AppImportService } from './app-import.service';
import { AppTransferController } from './app-transfer.controller';

/** App export and import: promoting an app from a test installation to production. */
@Module({
  imports: [AutomationsModule, FilesModule],
  controllers: [AppTransferController],
  providers: [AppExportService, AppImportService],
})
export class TransferModule {}
