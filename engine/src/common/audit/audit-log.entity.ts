import { Column, CreateDateColumn, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { redactSecrets } from './audit-redaction';

/** Secrets are redacted on the way in, whoever writes the row. */
const redacted: ValueTransformer = {
  to: (v: unknown) => (v === null || v === undefined ? v : redactSecrets(v)),
  from: (v: unknown) => v,
};

/**
 * Who changed what; written in the same transaction as the change. Append-only: a
 * trigger refuses UPDATE, DELETE and TRUNCATE (migration 1765300000000).
 */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn('bigint', { generated: 'increment' }) seq: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'entity_type' }) entityType: string;
  @Column('text', { name: 'entity_id' }) entityId: string;
  @Column('jsonb', { nullable: true, transformer: redacted }) before: object | null;
  @Column('jsonb', { nullable: true, transformer: redacted }) after: object | null;
  @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
}
