import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { I18nText } from '@liuyun/definitions';

@Entity('roles')
export class RoleEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') key: string;
  @Column('jsonb') name: I18nText;
}

@Entity('user_roles')
export class UserRoleEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @PrimaryColumn('uuid', { name: 'role_id' }) roleId: string;
}
