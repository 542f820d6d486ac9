import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { I18nText, JsonObject } from '@liuyun/definitions';

@Entity('records')
export class RecordEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'form_id' }) formId: string;
  @Column('integer', { name: 'form_version' }) formVersion: number;
  @Column('jsonb') data: JsonObject;
  @Column('integer') version: number;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One line of a record's timeline: submissions, process events, decisions, updates. */
@Entity('record_events')
export class RecordEventEntity {
  @PrimaryColumn('bigint', { generated: 'increment' }) seq: string;
  @Column('uuid') id: string;
  @Column('uuid', { name: 'record_id' }) recordId: string;
  @Column('uuid', { name: 'instance_id', nullable: true }) instanceId: string | null;
  @Column('text') type: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'node_id', nullable: true }) nodeId: string | null;
  @Column('jsonb', { name: 'node_name', nullable: true }) nodeName: I18nText | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('jsonb', { nullable: true }) details: JsonObject | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The columns of `record_events` (aliased `e`) named as the entity's properties. */
export const RECORD_EVENT_COLUMNS = `e.seq::text AS seq, e.id, e.record_id AS "recordId",
  e.instance_id AS "instanceId", e.type, e.actor_id AS "actorId", e.node_id AS "nodeId",
  e.node_name AS "nodeName", e.comment, e.details, e.created_at AS "createdAt"`;
