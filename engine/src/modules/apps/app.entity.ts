import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { I18nText } from '@liuyun/definitions';

@Entity('apps')
export class AppEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') key: string;
  @Column('jsonb') name: I18nText;
  @Column('jsonb', { nullable: true }) description: I18nText | null;
  @Column('text', { name: 'template_key', nullable: true }) templateKey: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
