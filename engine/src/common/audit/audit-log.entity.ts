import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Who changed what; written in the same transaction as the change. Append-only. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn('bigint', { generated: 'increment' }) seq: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'entity_type' }) entityType: string;
  @Column('text', { name: 'entity_id' }) entityId: string;
  @Column('jsonb', { nullable: true }) before: object | null;
  @Column('jsonb', { nullable: true }) after: object | null;
  @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
}
