import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { validateTemplate, type I18nText, type TemplateDefinition } from '@liuyun/definitions';
import { listTemplates } from '@liuyun/templates';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, notFound } from '../../common/errors/app-error';
import { AppsService, type AppSummary } from '../apps/apps.service';
import { TemplateInstallHooks } from './template-install.hooks';

export interface TemplateSummary {
  key: string;
  name: I18nText;
  description: I18nText;
  installed: boolean;
}

/** The gallery: templates shipped in `templates/`, installed as ordinary, editable apps. */
@Injectable()
export class TemplatesService {
  private readonly templates: TemplateDefinition[] = listTemplates();

  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly hooks: TemplateInstallHooks,
  ) {}

  template(key: string): TemplateDefinition {
    const t = this.templates.find((x) => x.key === key);
    if (!t) throw notFound(`The template "${key}"`);
    return t;
  }

  async list(): Promise<TemplateSummary[]> {
    const rows: { key: string }[] = await this.db.query('SELECT key FROM apps');
    const installed = new Set(rows.map((r) => r.key));
    return this.templates.map((t) => ({
      key: t.key,
      name: t.name,
      description: t.description,
      installed: installed.has(t.app.key),
    }));
  }

  async install(key: string, actorId: string | null): Promise<AppSummary> {
    const template = this.template(key);
    return this.db.transaction(async (m) => {
      await this.installIn(m, template, actorId);
      const app = await this.apps.appByKey(template.app.key, m);
      if (!app) throw notFound('The installed app');
      return app;
    });
  }

  /** Creates the template's roles where missing, then the app with its forms, flows and automations. */
  async installIn(
    m: EntityManager,
    template: TemplateDefinition,
    actorId: string | null,
  ): Promise<string> {
    const errors = validateTemplate(template);
    if (errors.length > 0) {
      throw new AppError(
        422,
        'definition_invalid',
        `The template "${template.key}" is not valid.`,
        errors,
      );
    }
    for (const role of template.roles ?? []) {
      await m.query(
        'INSERT INTO roles (id, key, name) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
        [randomUUID(), role.key, role.name],
      );
    }
    const appId = await this.apps.createApp(m, template.app, template.key, actorId);
    await this.hooks.run(m, template, actorId);
    return appId;
  }
}
