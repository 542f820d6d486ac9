import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { FileStorage } from './file-storage.port';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { LocalDiskStorage } from './local-disk.storage';

/** Files of attachment, image and signature fields, behind the FileStorage port. */
@Module({
  imports: [AppsModule],
  controllers: [FilesController],
  providers: [FilesService, { provide: FileStorage, useClass: LocalDiskStorage }],
  exports: [FilesService, FileStorage],
})
export class FilesModule {}
