import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  validateTemplate,
  validateTemplateDashboards,
  type AppFormEntry,
  type TemplateDefinition,
  type UpgradeInput,
  type UpgradePlan,
  type UpgradeResult,
} from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest, conflict } from '../../common/errors/app-error';
import { insertDashboard } from '../analytics/dashboard.repository';
import { AppsService, insertFormVersion } from '../apps/apps.service';
import { FormEntity } from '../apps/form.entity';
import { FormPublications } from '../apps/form-publications.bus';
import { AutomationRepository } from '../automations/automation.repository';
import type { AutomationInput } from '../automations/automation.types';
import { AutomationsService } from '../automations/automations.service';
import { readAppContent, type AppContent } from './app-content.reader';
import { brokenRecordCounts, changedFields } from './record-compatibility';
import { currentEntry, type CatalogEntry } from './template-catalog';
import { contentOf, same, type ContentForm, type TemplateContent } from './template-content';
import { mergeTemplate } from './template-merge';

interface Install {
  template_key: string;
  version: string;
  revision: string;
  base: TemplateContent;
}

interface Context {
  app: AppContent;
  entry: CatalogEntry;
  installed: Install | null;
  theirs: TemplateContent;
}

/**
 * Upgrading an app installed from a template to the template's current version: a
 * three-way merge (base = what was installed, theirs = the new version, ours = the app
 * as edited). Untouched changes are applied, the admin's edits kept, conflicts decided by
 * the admin; new form versions go through the publish path, records stay where they are.
 */
@Injectable()
export class TemplateUpgradeService {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly publications: FormPublications,
    private readonly automations: AutomationsService,
    private readonly automationRows: AutomationRepository,
  ) {}

  async plan(appKey: string): Promise<UpgradePlan> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const ctx = await this.context(m, appKey, false);
      const all = mergeTemplate(ctx.installed?.base ?? null, ctx.theirs, ctx.app.content);
      // What taking every change of the template would do to stored records.
      const takeAll = Object.fromEntries(all.changes.map((c) => [c.id, 'theirs' as const]));
      const probe = mergeTemplate(
        ctx.installed?.base ?? null,
        ctx.theirs,
        ctx.app.content,
        takeAll,
      );
      const broken = await this.brokenRecords(m, ctx.app, probe.merged);
      return {
        appKey,
        templateKey: ctx.entry.definition.key,
        source: ctx.entry.source,
        installedVersion: ctx.installed?.version ?? null,
        availableVersion: ctx.entry.version,
        revision: ctx.entry.revision,
        upToDate: ctx.installed?.revision === ctx.entry.revision,
        baseKnown: ctx.installed !== null,
        changes: all.changes.map((c) => ({ ...c, breaksRecords: broken.get(c.id) ?? 0 })),
        conflicts: all.unresolved.length,
      };
    });
  }

  async upgrade(appKey: string, input: UpgradeInput, user: AuthUser): Promise<UpgradeResult> {
    return this.db.transaction(async (m) => {
      const ctx = await this.context(m, appKey, true);
      if (input.revision !== ctx.entry.revision)
        throw conflict(
          'template_moved',
          'The template changed since the upgrade was shown; review the changes again.',
        );
      const resolutions = input.resolutions ?? {};
      const result = mergeTemplate(
        ctx.installed?.base ?? null,
        ctx.theirs,
        ctx.app.content,
        resolutions,
      );
      const ids = new Set(result.changes.map((c) => c.id));
      const unknown = Object.keys(resolutions).filter((id) => !ids.has(id));
      if (unknown.length > 0)
        throw badRequest(
          'unknown_change',
          'Some resolutions name no change of this upgrade.',
          unknown.map((id) => ({ id })),
        );
      if (result.unresolved.length > 0)
        throw new AppError(
          409,
          'conflicts_unresolved',
          'Decide every conflict (keep mine or take theirs); nothing was changed.',
          result.unresolved.map((id) => ({ id })),
        );
      this.check(ctx, result.merged);
      const broken = await this.brokenRecords(m, ctx.app, result.merged);
      if (broken.size > 0)
        throw new AppError(
          422,
          'records_incompatible',
          'A field change would make stored records invalid; keep your version of those fields.',
          [...broken].map(([id, records]) => ({ id, records })),
        );
      const done = await this.apply(m, ctx, result.merged, user.id);
      for (const role of ctx.entry.definition.roles ?? [])
        await m.query(
          'INSERT INTO roles (id, key, name) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
          [randomUUID(), role.key, JSON.stringify(role.name)],
        );
      await m.query(
        `INSERT INTO template_installs (app_id, template_key, source, version, revision, base, installed_by, upgraded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (app_id) DO UPDATE SET version = $4, revision = $5, base = $6, upgraded_at = now()`,
        [
          ctx.app.app.id,
          ctx.entry.definition.key,
          ctx.entry.source,
          ctx.entry.version,
          ctx.entry.revision,
          JSON.stringify(ctx.theirs),
          user.id,
        ],
      );
      const applied = result.changes.filter(
        (c) =>
          (c.outcome === 'apply' && resolutions[c.id] !== 'mine') || resolutions[c.id] === 'theirs',
      ).length;
      const upgrade: UpgradeResult = {
        appKey,
        version: ctx.entry.version,
        ...done,
        applied,
        kept: result.changes.length - applied,
      };
      await writeAudit(m, {
        actorId: user.id,
        action: 'template.upgrade',
        entityType: 'app',
        entityId: ctx.app.app.id,
        before: { version: ctx.installed?.version ?? null },
        after: { ...upgrade, resolutions },
      });
      return upgrade;
    });
  }

  private async context(m: EntityManager, appKey: string, lock: boolean): Promise<Context> {
    const app = await readAppContent(m, appKey, lock);
    const rows: (Install & { template_key: string })[] = await m.query(
      'SELECT template_key, version, revision, base FROM template_installs WHERE app_id = $1',
      [app.app.id],
    );
    const legacy: { template_key: string | null }[] = await m.query(
      'SELECT template_key FROM apps WHERE id = $1',
      [app.app.id],
    );
    const templateKey = rows[0]?.template_key ?? legacy[0]?.template_key ?? null;
    if (!templateKey)
      throw conflict('not_from_template', `The app "${appKey}" was not installed from a template.`);
    const entry = await currentEntry(m, templateKey);
    return { app, entry, installed: rows[0] ?? null, theirs: contentOf(entry.definition) };
  }

  /** The merged app checked like an install: every form, flow, link and dashboard. */
  private check(ctx: Context, merged: TemplateContent): void {
    const t = ctx.entry.definition;
    const template: TemplateDefinition = {
      key: t.key,
      name: t.name,
      description: t.description,
      app: { key: ctx.app.app.key, name: t.name, forms: merged.forms.map(entryForCheck) },
    };
    if (merged.dashboards.length > 0) template.dashboards = merged.dashboards;
    const errors: object[] = [...validateTemplate(template)];
    if (errors.length === 0) errors.push(...validateTemplateDashboards(template));
    if (errors.length > 0)
      throw new AppError(
        422,
        'definition_invalid',
        'The upgraded app would not be valid; nothing was changed.',
        errors,
      );
  }

  /** Per change id (`field:<form>/<field>`): records the merged forms would refuse. */
  private async brokenRecords(
    m: EntityManager,
    app: AppContent,
    merged: TemplateContent,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const entry of merged.forms) {
      const formId = app.formIds.get(entry.form.key);
      const ours = app.content.forms.find((f) => f.form.key === entry.form.key);
      if (!formId || !ours) continue;
      const fields = changedFields(ours.form, entry.form);
      const counts = await brokenRecordCounts(m, formId, entry.form, fields);
      for (const [field, n] of counts) out.set(`field:${entry.form.key}/${field}`, n);
    }
    return out;
  }

  private async apply(
    m: EntityManager,
    ctx: Context,
    merged: TemplateContent,
    actorId: string,
  ): Promise<Pick<UpgradeResult, 'forms' | 'automations' | 'dashboards'>> {
    const { app } = ctx;
    const forms: UpgradeResult['forms'] = [];
    for (const entry of merged.forms) {
      const formId = app.formIds.get(entry.form.key);
      const ours = app.content.forms.find((f) => f.form.key === entry.form.key);
      if (formId && ours) {
        if (same(ours, entry)) continue;
        const { version } = await this.apps.publishIn(
          m,
          formId,
          entry.form,
          entry.flow ?? null,
          actorId,
        );
        forms.push({ key: entry.form.key, action: 'published', version });
      } else {
        await this.addForm(m, app.app.id, entry, actorId);
        forms.push({ key: entry.form.key, action: 'created', version: 1 });
      }
    }
    const automations: UpgradeResult['automations'] = [];
    for (const a of merged.automations) {
      const id = app.automationIds.get(a.key);
      const ours = app.content.automations.find((x) => x.key === a.key);
      const input = a as unknown as AutomationInput;
      if (!id) {
        await this.automations.createIn(m, app.app.key, input, actorId);
        automations.push({ key: a.key, action: 'created' });
      } else if (!same(ours, a)) {
        const current = (await this.automationRows.byId(m, id, true))!;
        await this.automations.updateIn(m, current, input);
        automations.push({ key: a.key, action: 'updated' });
      }
    }
    // Automations the new version dropped (and the admin left alone) stop, their run log kept.
    for (const ours of app.content.automations) {
      if (merged.automations.some((a) => a.key === ours.key) || ours.enabled === false) continue;
      const current = (await this.automationRows.byId(m, app.automationIds.get(ours.key)!, true))!;
      await this.automations.updateIn(m, current, {
        ...(ours as unknown as AutomationInput),
        enabled: false,
      });
      automations.push({ key: ours.key, action: 'disabled' });
    }
    const dashboards: UpgradeResult['dashboards'] = [];
    for (const d of merged.dashboards) {
      const row = app.dashboards.get(d.key);
      const ours = app.content.dashboards.find((x) => x.key === d.key);
      if (!row) {
        await insertDashboard(m, app.app.id, d, actorId);
        dashboards.push({ key: d.key, action: 'created' });
      } else if (!same(ours, d)) {
        await m.query(
          `UPDATE dashboards SET definition = $2, name = $3, version = version + 1, updated_at = now() WHERE id = $1`,
          [row.id, JSON.stringify(d), d.name],
        );
        dashboards.push({ key: d.key, action: 'updated' });
      }
    }
    for (const [key, row] of app.dashboards) {
      if (merged.dashboards.some((d) => d.key === key)) continue;
      await m.query('DELETE FROM dashboards WHERE id = $1', [row.id]);
      dashboards.push({ key, action: 'deleted' });
    }
    return { forms, automations, dashboards };
  }

  /** A form the new version added: version 1 after the app's other forms. */
  private async addForm(
    m: EntityManager,
    appId: string,
    entry: ContentForm,
    actorId: string,
  ): Promise<void> {
    const last: { position: number | null }[] = await m.query(
      'SELECT max(position) AS position FROM forms WHERE app_id = $1',
      [appId],
    );
    const id = randomUUID();
    await m.getRepository(FormEntity).insert({
      id,
      appId,
      key: entry.form.key,
      name: entry.form.name,
      publishedVersion: 1,
      position: (last[0]?.position ?? -1) + 1,
    });
    await insertFormVersion(m, id, 1, entry.form, entry.flow ?? null, actorId);
    await this.publications.publish(m, { formId: id, version: 1, flow: entry.flow ?? null });
  }
}

const entryForCheck = (e: ContentForm): AppFormEntry =>
  e.flow ? { form: e.form, flow: e.flow } : { form: e.form };
