import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type FlowDefinition,
  type FormDefinition,
  type TemplateRole,
  validateTemplate,
  validateTemplateDashboards,
  type I18nText,
  type TemplateDefinition,
} from '@liuyun/definitions';
import { listTemplates } from '@liuyun/templates';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, notFound } from '../../common/errors/app-error';
import { insertDashboard } from '../analytics/dashboard.repository';
import { AppsService, type AppSummary } from '../apps/apps.service';
import { TemplateInstallHooks } from './template-install.hooks';

export interface TemplateSummary {
  key: string;
  name: I18nText;
  description: I18nText;
  installed: boolean;
}

export interface TemplatePreview extends TemplateSummary {
  roles: TemplateRole[];
  forms: { form: FormDefinition; flow: FlowDefinition | null }[];
  dashboards: {
    key: string;
    name: I18nText;
    description: I18nText | null;
    charts: { id: string; title: I18nText; type: string }[];
  }[];
  sampleRecords: number;
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

  async preview(key: string): Promise<TemplatePreview> {
    const template = this.template(key);
    const summary = (await this.list()).find((s) => s.key === key);
    return {
      key: template.key,
      name: template.name,
      description: template.description,
      installed: summary?.installed ?? false,
      roles: template.roles ?? [],
      forms: template.app.forms.map((entry) => ({ form: entry.form, flow: entry.flow ?? null })),
      dashboards: (template.dashboards ?? []).map((d) => ({
        key: d.key,
        name: d.name,
        description: d.description ?? null,
        charts: d.charts.map((c) => ({ id: c.id, title: c.title, type: c.type })),
      })),
      sampleRecords: template.samples?.length ?? 0,
    };
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

  /** Creates the template's roles where missing, then the app with its forms, flows, dashboards and automations. */
  async installIn(
    m: EntityManager,
    template: TemplateDefinition,
    actorId: string | null,
  ): Promise<string> {
    const errors: object[] = [...validateTemplate(template)];
    if (errors.length === 0) errors.push(...validateTemplateDashboards(template));
    if (errors.length > 0) {
      throw new AppError(
        422,
        'definition_invalid',
        `The template "${template.key}" is not valid.`,
        errors,
      );
    }
    // A role that exists already keeps its name, unless that name is only its key (as the
    // demo seed names the roles it gives its users before the template is installed).
    for (const role of template.roles ?? []) {
      await m.query(
        `INSERT INTO roles (id, key, name) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name
           WHERE roles.name = jsonb_build_object('zh', roles.key, 'en', roles.key)`,
        [randomUUID(), role.key, role.name],
      );
    }
    const appId = await this.apps.createApp(m, template.app, template.key, actorId);
    for (const dashboard of template.dashboards ?? []) {
      await insertDashboard(m, appId, dashboard, actorId);
    }
    await this.hooks.run(m, template, actorId);
    return appId;
  }
}
