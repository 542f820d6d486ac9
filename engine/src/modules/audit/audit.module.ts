import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueryService } from './audit-query.service';

/** Reading the audit log (rows are written by every module through writeAudit). */
@Module({ controllers: [AuditController], providers: [AuditQueryService] })
export class AuditModule {}
