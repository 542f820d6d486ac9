import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { InstanceState } from '@liuyun/runtime';

@Entity('process_instances')
export class ProcessInstanceEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'record_id' }) recordId: string;
  @Column('uuid', { name: 'form_id' }) formId: string;
  @Column('integer', { name: 'form_version' }) formVersion: number;
  @Column('jsonb') state: InstanceState;
  @Column('text') status: string;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('integer') version: number;
  @Column('uuid', { name: 'started_by' }) startedBy: string;
  @Column('uuid', { name: 'parent_instance_id', nullable: true }) parentInstanceId: string | null;
  @Column('text', { name: 'parent_token_id', nullable: true }) parentTokenId: string | null;
  @Column('boolean', { name: 'wait_for_parent' }) waitForParent: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/**
 * The columns of `process_instances` (aliased `pi`) named as the entity's properties:
 * raw statements on hot paths read rows shaped like the entity without the query
 * builder's per-call SQL generation and hydration.
 */
export const INSTANCE_COLUMNS = `pi.id, pi.record_id AS "recordId", pi.form_id AS "formId",
  pi.form_version AS "formVersion", pi.state, pi.status, pi.outcome, pi.version,
  pi.started_by AS "startedBy", pi.parent_instance_id AS "parentInstanceId",
  pi.parent_token_id AS "parentTokenId", pi.wait_for_parent AS "waitForParent",
  pi.created_at AS "createdAt", pi.updated_at AS "updatedAt"`;
