import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  validateTemplate,
  validateTemplateDashboards,
  type TemplateDefinition,
  type InstallTemplateOptions,
  type TemplatePreview,
  type TemplateSummary,
} from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, notFound } from '../../common/errors/app-error';
import { insertDashboard } from '../analytics/dashboard.repository';
import { AppsService, type AppSummary } from '../apps/apps.service';
import {
  builtinEntry,
  builtinTemplate,
  catalog,
  currentEntry,
  type CatalogEntry,
} from './template-catalog';
import { contentOf } from './template-content';
import { TemplateInstallHooks } from './template-install.hooks';
import { insertSampleRecords } from './template-samples';

export interface InstalledTemplateApp extends AppSummary {
  sampleRecords: number;
}

interface InstallRow {
  template_key: string;
  version: string;
  revision: string;
  app_key: string;
}

/**
 * The gallery: templates shipped in `templates/` and templates admins published from
 * their apps, each installed as an ordinary, editable app that remembers what it came
 * from (the base of a later upgrade).
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly hooks: TemplateInstallHooks,
  ) {}

  /** A built-in template (the seed installs the CRM one). */
  template(key: string): TemplateDefinition {
    return builtinTemplate(key);
  }

  async list(m: EntityManager = this.db.manager): Promise<TemplateSummary[]> {
    const apps: { key: string }[] = await m.query('SELECT key FROM apps');
    const appKeys = new Set(apps.map((r) => r.key));
    const installs: InstallRow[] = await m.query(
      `SELECT i.template_key, i.version, i.revision, a.key AS app_key
         FROM template_installs i JOIN apps a ON a.id = i.app_id ORDER BY a.key`,
    );
    return (await catalog(m)).map((entry) => {
      const t = entry.definition;
      const mine = installs.filter((i) => i.template_key === t.key);
      return {
        key: t.key,
        name: t.name,
        description: t.description,
        installed: mine.length > 0 || (entry.source === 'builtin' && appKeys.has(t.app.key)),
        source: entry.source,
        version: entry.version,
        revision: entry.revision,
        publishedAt: entry.publishedAt,
        sampleRecords: t.samples?.length ?? 0,
        installs: mine.map((i) => ({
          appKey: i.app_key,
          version: i.version,
          upgradeAvailable: i.revision !== entry.revision,
        })),
      };
    });
  }

  async preview(key: string): Promise<TemplatePreview> {
    const entry = await currentEntry(this.db.manager, key);
    const template = entry.definition;
    const summary = (await this.list()).find((s) => s.key === key)!;
    return {
      ...summary,
      roles: template.roles ?? [],
      forms: template.app.forms.map((e) => ({ form: e.form, flow: e.flow ?? null })),
      dashboards: (template.dashboards ?? []).map((d) => ({
        key: d.key,
        name: d.name,
        description: d.description ?? null,
        charts: d.charts.map((c) => ({ id: c.id, title: c.title, type: c.type })),
      })),
      automations: (template.automations ?? []).map((a) => ({ key: a.key, name: a.name })),
    };
  }

  async install(
    key: string,
    actorId: string,
    options: InstallTemplateOptions = {},
  ): Promise<InstalledTemplateApp> {
    return this.db.transaction(async (m) => {
      const entry = await currentEntry(m, key);
      const t = entry.definition;
      const appKey = options.appKey ?? t.app.key;
      const template: TemplateDefinition = {
        ...t,
        app: { ...t.app, key: appKey, name: options.name ?? t.app.name },
      };
      // Built-in samples are demo data, submitted by the seed; published ones come along here.
      const samples = entry.source === 'published' && options.samples !== false;
      const appId = await this.installIn(m, template, actorId, entry);
      const sampleRecords = samples
        ? await insertSampleRecords(m, appId, t.samples ?? [], actorId)
        : 0;
      const app = await this.apps.appByKey(appKey, m);
      if (!app) throw notFound('The installed app');
      return { ...app, sampleRecords };
    });
  }

  /**
   * Creates the template's roles where missing, then the app with its forms, flows,
   * dashboards and automations, and remembers what was installed (the upgrade's base).
   */
  async installIn(
    m: EntityManager,
    template: TemplateDefinition,
    actorId: string | null,
    entry: CatalogEntry = builtinEntry(template),
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
    // The app's one audit row (app.create) names the template version it came from.
    const appId = await this.apps.createApp(m, template.app, template.key, actorId, {
      source: entry.source,
      version: entry.version,
    });
    for (const dashboard of template.dashboards ?? []) {
      await insertDashboard(m, appId, dashboard, actorId);
    }
    await this.hooks.run(m, template, actorId);
    await m.query(
      `INSERT INTO template_installs (app_id, template_key, source, version, revision, base, installed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        appId,
        template.key,
        entry.source,
        entry.version,
        entry.revision,
        JSON.stringify(contentOf(entry.definition)),
        actorId,
      ],
    );
    return appId;
  }
}
