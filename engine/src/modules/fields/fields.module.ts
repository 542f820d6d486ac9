import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { FilesModule } from '../files/files.module';
import { DirectoryLookupController } from '../identity/directory-lookup.controller';
import { FieldLookupsController } from './field-lookups.controller';
import { FieldLookups } from './field-lookups.service';
import { FieldValues } from './field-values.service';
import { PickerPool } from './picker-pool.repository';
import { SerialNumbers } from './serial-numbers.service';

/** Field types that reach beyond the form: pickers, links, linkage, related lists, files, serials. */
@Module({
  imports: [AppsModule, FilesModule],
  controllers: [FieldLookupsController, DirectoryLookupController],
  providers: [FieldValues, FieldLookups, PickerPool, SerialNumbers],
  exports: [FieldValues, SerialNumbers, FilesModule],
})
export class FieldsModule {}
