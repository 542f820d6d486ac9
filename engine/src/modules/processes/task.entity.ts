import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { I18nText } from '@liuyun/definitions';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'instance_id' }) instanceId: string;
  @Column('uuid', { name: 'record_id' }) recordId: string;
  @Column('uuid', { name: 'form_id' }) formId: string;
  @Column('text', { name: 'task_key' }) taskKey: string;
  /** approval / fill / resubmit: the assignee acts; cc: a read-only copy. */
  @Column('text') kind: 'approval' | 'fill' | 'resubmit' | 'cc';
  @Column('text', { name: 'node_id' }) nodeId: string;
  @Column('jsonb', { name: 'node_name' }) nodeName: I18nText;
  @Column('uuid', { name: 'assignee_id' }) assigneeId: string;
  @Column('text') status: TaskStatus;
  @Column('text', { nullable: true }) action: string | null;
  @Column('text', { nullable: true }) comment: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
}
