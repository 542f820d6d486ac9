import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { FlowDefinition, FormDefinition, I18nText } from '@liuyun/definitions';

@Entity('forms')
export class FormEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'app_id' }) appId: string;
  @Column('text') key: string;
  @Column('jsonb') name: I18nText;
  @Column('integer', { name: 'published_version' }) publishedVersion: number;
  @Column('integer') position: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** One published version of a form and its flow; running instances keep theirs. */
@Entity('form_versions')
export class FormVersionEntity {
  @PrimaryColumn('uuid', { name: 'form_id' }) formId: string;
  @PrimaryColumn('integer') version: number;
  @Column('json') definition: FormDefinition;
  @Column('json', { nullable: true }) flow: FlowDefinition | null;
  @Column('uuid', { name: 'published_by', nullable: true }) publishedBy: string | null;
  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' }) publishedAt: Date;
}
