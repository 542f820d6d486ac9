import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FlowDefinition, FormDefinition, I18nText } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { checkDefinitions, insertFormVersion } from './apps.service';
import { FormEntity } from './form.entity';

/** A form as the app lists it. */
export interface CreatedForm {
  id: string;
  key: string;
  name: I18nText;
  version: number;
}

/** Adds forms to an app that exists: checked like a publish, stored as version 1. */
@Injectable()
export class AppFormsService {
  constructor(private readonly db: DataSource) {}

  async create(
    appKey: string,
    definition: FormDefinition,
    flow: FlowDefinition | null,
    actorId: string,
  ): Promise<CreatedForm> {
    const errors = checkDefinitions(definition, flow);
    if (errors.length > 0) {
      throw new AppError(
        422,
        'definition_invalid',
        'The definition has errors; nothing was created.',
        errors,
      );
    }
    return this.db.transaction(async (m) => {
      // Locks the app so two forms added at once get distinct positions.
      const apps: { id: string }[] = await m.query(
        'SELECT id FROM apps WHERE key = $1 FOR UPDATE',
        [appKey],
      );
      const appId = apps[0]?.id;
      if (!appId) throw notFound('The app');
      if (await m.getRepository(FormEntity).existsBy({ appId, key: definition.key })) {
        throw conflict(
          'already_exists',
          `The app already has a form with key "${definition.key}".`,
        );
      }
      const last: { position: number | null }[] = await m.query(
        'SELECT max(position) AS position FROM forms WHERE app_id = $1',
        [appId],
      );
      const id = randomUUID();
      await m.getRepository(FormEntity).insert({
        id,
        appId,
        key: definition.key,
        name: definition.name,
        publishedVersion: 1,
        position: (last[0]?.position ?? -1) + 1,
      });
      await insertFormVersion(m, id, 1, definition, flow, actorId);
      await m.getRepository(AuditLogEntity).insert({
        actorId,
        action: 'form.create',
        entityType: 'form',
        entityId: id,
        before: null,
        after: { appId, key: definition.key, version: 1 },
      });
      return { id, key: definition.key, name: definition.name, version: 1 };
    });
  }
}
