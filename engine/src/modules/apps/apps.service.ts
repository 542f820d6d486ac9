import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  validateApp,
  validateFlow,
  validateForm,
  type AppDefinition,
  type DefinitionError,
  type FlowDefinition,
  type FormDefinition,
  type I18nText,
} from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { AppEntity } from './app.entity';
import { FormEntity } from './form.entity';
import { FormVersionCache } from './form-version.cache';
import { FormPublications } from './form-publications.bus';

export interface AppSummary {
  id: string;
  key: string;
  name: I18nText;
  description: I18nText | null;
  forms: { id: string; key: string; name: I18nText }[];
}

export interface PublishedForm {
  id: string;
  key: string;
  appKey: string;
  name: I18nText;
  version: number;
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

const invalidDefinition = (errors: DefinitionError[]): AppError =>
  new AppError(
    422,
    'definition_invalid',
    'The definition has errors; nothing was published.',
    errors,
  );

/** Checks a form and its flow together; the errors carry stable codes. */
export function checkDefinitions(
  definition: FormDefinition,
  flow: FlowDefinition | null,
  forms?: Record<string, FormDefinition>,
): DefinitionError[] {
  const formErrors = validateForm(definition, forms ? { forms } : {});
  if (formErrors.length > 0 || flow === null) return formErrors;
  return validateFlow(flow, definition);
}

export async function insertFormVersion(
  m: EntityManager,
  formId: string,
  version: number,
  definition: FormDefinition,
  flow: FlowDefinition | null,
  actorId: string | null,
): Promise<void> {
  await m.query(
    'INSERT INTO form_versions (form_id, version, definition, flow, published_by) VALUES ($1, $2, $3, $4, $5)',
    [
      formId,
      version,
      JSON.stringify(definition),
      flow === null ? null : JSON.stringify(flow),
      actorId,
    ],
  );
}

/** Apps, their forms and the published versions of each form. */
@Injectable()
export class AppsService {
  constructor(
    private readonly db: DataSource,
    private readonly versions: FormVersionCache,
    private readonly publications: FormPublications,
  ) {}

  async listApps(): Promise<AppSummary[]> {
    const apps = await this.db
      .getRepository(AppEntity)
      .find({ order: { createdAt: 'ASC', key: 'ASC' } });
    const forms = await this.db
      .getRepository(FormEntity)
      .find({ order: { position: 'ASC', key: 'ASC' } });
    return apps.map((a) => ({
      id: a.id,
      key: a.key,
      name: a.name,
      description: a.description,
      forms: forms
        .filter((f) => f.appId === a.id)
        .map((f) => ({ id: f.id, key: f.key, name: f.name })),
    }));
  }

  async appByKey(
    key: string,
    manager: EntityManager = this.db.manager,
  ): Promise<AppSummary | null> {
    const app = await manager.getRepository(AppEntity).findOneBy({ key });
    if (!app) return null;
    const forms = await manager
      .getRepository(FormEntity)
      .find({ where: { appId: app.id }, order: { position: 'ASC' } });
    return {
      id: app.id,
      key: app.key,
      name: app.name,
      description: app.description,
      forms: forms.map((f) => ({ id: f.id, key: f.key, name: f.name })),
    };
  }

  /**
   * The published version of a form, or a specific version. Definitions come from the
   * version cache, so every caller gets the same objects and `prepareForm` compiles a
   * form once per process, not once per request.
   */
  async publishedForm(
    formId: string,
    version?: number,
    manager: EntityManager = this.db.manager,
  ): Promise<PublishedForm> {
    const rows: {
      key: string;
      name: I18nText;
      published_version: number;
      app_key: string;
    }[] = await manager.query(
      `SELECT f.key, f.name, f.published_version, a.key AS app_key
         FROM forms f JOIN apps a ON a.id = f.app_id WHERE f.id = $1`,
      [formId],
    );
    const form = rows[0];
    if (!form || form.published_version === 0) throw notFound('The form');
    const v = version ?? form.published_version;
    const cached = await this.versions.get(formId, v, manager);
    return {
      id: formId,
      key: form.key,
      appKey: form.app_key,
      name: form.name,
      version: v,
      definition: cached.definition,
      flow: cached.flow,
    };
  }

  /** Validates and publishes a new version of a form (and its flow); running instances keep theirs. */
  async publish(
    formId: string,
    definition: FormDefinition,
    flow: FlowDefinition | null,
    actorId: string,
  ): Promise<{ formId: string; version: number }> {
    // Other forms of the app, as published, for links, linkage, related lists and option lists.
    const siblings: { key: string; definition: FormDefinition }[] = await this.db.query(
      `SELECT f.key, v.definition FROM forms f
         JOIN form_versions v ON v.form_id = f.id AND v.version = f.published_version
        WHERE f.app_id = (SELECT app_id FROM forms WHERE id = $1) AND f.published_version > 0`,
      [formId],
    );
    const forms = Object.fromEntries(siblings.map((s) => [s.key, s.definition]));
    forms[definition.key] = definition;
    const errors = checkDefinitions(definition, flow, forms);
    if (errors.length > 0) throw invalidDefinition(errors);
    return this.db.transaction(async (m) => {
      const published = await this.publishIn(m, formId, definition, flow, actorId);
      await m.getRepository(AuditLogEntity).insert({
        actorId,
        action: 'form.publish',
        entityType: 'form',
        entityId: formId,
        before: { version: published.version - 1 },
        after: { version: published.version },
      });
      return published;
    });
  }

  /**
   * Publishes a checked definition as the form's next version in the caller's transaction
   * (the publish route, and template upgrades, which publish several forms at once and
   * write their own audit row).
   */
  async publishIn(
    m: EntityManager,
    formId: string,
    definition: FormDefinition,
    flow: FlowDefinition | null,
    actorId: string,
  ): Promise<{ formId: string; version: number }> {
    const rows: { published_version: number; key: string }[] = await m.query(
      'SELECT published_version, key FROM forms WHERE id = $1 FOR UPDATE',
      [formId],
    );
    const row = rows[0];
    if (!row) throw notFound('The form');
    if (definition.key !== row.key) {
      throw new AppError(422, 'definition_invalid', `The definition's key must stay "${row.key}".`);
    }
    const version = row.published_version + 1;
    await insertFormVersion(m, formId, version, definition, flow, actorId);
    await this.publications.publish(m, { formId, version, flow });
    await m.query('UPDATE forms SET published_version = $2, name = $3 WHERE id = $1', [
      formId,
      version,
      definition.name,
    ]);
    return { formId, version };
  }

  /** Checks a whole app definition and creates it. */
  async createFromDefinition(app: AppDefinition, actorId: string): Promise<AppSummary> {
    const errors = validateApp(app);
    if (errors.length > 0) throw invalidDefinition(errors);
    return this.db.transaction(async (m) => {
      await this.createApp(m, app, null, actorId);
      const created = await this.appByKey(app.key, m);
      if (!created) throw notFound('The app');
      return created;
    });
  }

  /** Creates an app with every form published as version 1, after checking them all. */
  async createApp(
    manager: EntityManager,
    app: AppDefinition,
    templateKey: string | null,
    actorId: string | null,
    auditDetails: object = {},
  ): Promise<string> {
    const forms = Object.fromEntries(app.forms.map((f) => [f.form.key, f.form]));
    const errors = app.forms.flatMap((f, i) =>
      checkDefinitions(f.form, f.flow ?? null, forms).map((e) => ({
        ...e,
        path: `/forms/${i}${e.path}`,
      })),
    );
    if (errors.length > 0) throw invalidDefinition(errors);
    if (await manager.getRepository(AppEntity).existsBy({ key: app.key })) {
      throw conflict('already_installed', `An app with key "${app.key}" is already installed.`);
    }
    const appId = randomUUID();
    await manager.getRepository(AppEntity).insert({
      id: appId,
      key: app.key,
      name: app.name,
      description: app.description ?? null,
      templateKey,
    });
    for (const [position, entry] of app.forms.entries()) {
      const formId = randomUUID();
      await manager.getRepository(FormEntity).insert({
        id: formId,
        appId,
        key: entry.form.key,
        name: entry.form.name,
        publishedVersion: 1,
        position,
      });
      await insertFormVersion(manager, formId, 1, entry.form, entry.flow ?? null, actorId);
      await this.publications.publish(manager, { formId, version: 1, flow: entry.flow ?? null });
    }
    await manager.getRepository(AuditLogEntity).insert({
      actorId,
      action: 'app.create',
      entityType: 'app',
      entityId: appId,
      before: null,
      after: { key: app.key, templateKey, ...auditDetails },
    });
    return appId;
  }
}
