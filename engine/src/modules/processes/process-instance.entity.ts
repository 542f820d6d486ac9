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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
