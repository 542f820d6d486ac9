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
