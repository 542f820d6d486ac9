import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Installation-wide settings, such as the token signing secret. */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn('text') key: string;
  @Column('jsonb') value: unknown;
}
