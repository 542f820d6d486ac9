import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  chartFields,
  validateChart,
  validateDashboard,
  type ChartDefinition,
  type ChartFieldInfo,
  type DashboardDefinition,
  type DashboardError,
  type FormDefinition,
  type I18nText,
} from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { FormVersionCache } from '../apps/form-version.cache';
import { AccessService } from '../access/access.service';
import { ChartEvaluator, type AppForms, type ChartData } from './chart-evaluator.service';
import { DashboardRepository, insertDashboard, type DashboardRow } from './dashboard.repository';

export interface DashboardSummary {
  id: string;
  appKey: string;
  key: string;
  name: I18nText;
  description: I18nText | null;
  charts: number;
  version: number;
  updatedAt: string;
}

export type DashboardView = Omit<DashboardRow, 'appId' | 'position'>;

/** What a chart editor offers for one form: the fields of its records and of its tasks. */
export interface ChartForm {
  key: string;
  name: I18nText;
  hasFlow: boolean;
  records: ChartFieldInfo[];
  tasks: ChartFieldInfo[];
}

/** A chart's data, or why the chart cannot be drawn any more (its form changed). */
export type ChartResult = ChartData | { chartId: string; error: DashboardError[] };

export interface DashboardData {
  dashboardId: string;
  version: number;
  /** When the values were computed (the database clock). */
  at: string;
  charts: ChartResult[];
}

const invalid = (errors: DashboardError[]): AppError =>
  new AppError(422, 'definition_invalid', 'The dashboard has errors; nothing was saved.', errors);

/** Dashboards per app: stored definitions, checked against the app's forms, evaluated per viewer. */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: DashboardRepository,
    private readonly forms: FormVersionCache,
    private readonly evaluator: ChartEvaluator,
    private readonly access: AccessService,
  ) {}

  /** What the viewer may see of the app's forms: the row scope and the hidden fields. */
  private async seen(forms: AppForms, user: AuthUser) {
    const ids = [...forms.values()].map((f) => f.id);
    return {
      scope: await this.access.scope(user, 'view'),
      hidden: await this.access.hiddenFields(user, ids),
    };
  }

  private async appIdOrThrow(appKey: string): Promise<string> {
    const rows: { id: string }[] = await this.db.query('SELECT id FROM apps WHERE key = $1', [
      appKey,
    ]);
    const id = rows[0]?.id;
    if (!id) throw notFound('The app');
    return id;
  }

  /** The published definition of every form of the app, by key. */
  private async appForms(appId: string): Promise<AppForms> {
    const rows: { id: string; key: string; published_version: number }[] = await this.db.query(
      'SELECT id, key, published_version FROM forms WHERE app_id = $1 AND published_version > 0',
      [appId],
    );
    const forms = new Map<string, { id: string; definition: FormDefinition }>();
    for (const r of rows) {
      const v = await this.forms.get(r.id, r.published_version);
      forms.set(r.key, { id: r.id, definition: v.definition });
    }
    return forms;
  }

  private definitions(forms: AppForms): Map<string, FormDefinition> {
    return new Map([...forms].map(([key, f]) => [key, f.definition]));
  }

  private async rowOrThrow(id: string): Promise<DashboardRow> {
    const row = await this.repo.find(id);
    if (!row) throw notFound('The dashboard');
    return row;
  }

  /** The app's forms with the fields charts may use (for the dashboard editor). */
  async chartForms(appKey: string): Promise<ChartForm[]> {
    const appId = await this.appIdOrThrow(appKey);
    const rows: { id: string; key: string; published_version: number }[] = await this.db.query(
      `SELECT id, key, published_version FROM forms
        WHERE app_id = $1 AND published_version > 0 ORDER BY position, key`,
      [appId],
    );
    const result: ChartForm[] = [];
    for (const r of rows) {
      const v = await this.forms.get(r.id, r.published_version);
      result.push({
        key: r.key,
        name: v.definition.name,
        hasFlow: v.flow !== null,
        records: chartFields(v.definition, 'records'),
        tasks: chartFields(v.definition, 'tasks'),
      });
    }
    return result;
  }

  async list(appKey: string): Promise<DashboardSummary[]> {
    const rows = await this.repo.listByApp(await this.appIdOrThrow(appKey));
    return rows.map((r) => ({
      id: r.id,
      appKey: r.appKey,
      key: r.key,
      name: r.name,
      description: r.definition.description ?? null,
      charts: r.definition.charts.length,
      version: r.version,
      updatedAt: r.updatedAt,
    }));
  }

  async get(id: string): Promise<DashboardView> {
    const { appId: _appId, position: _position, ...view } = await this.rowOrThrow(id);
    return view;
  }

  async create(appKey: string, definition: unknown, user: AuthUser): Promise<DashboardView> {
    const appId = await this.appIdOrThrow(appKey);
    const errors = validateDashboard(definition, this.definitions(await this.appForms(appId)));
    if (errors.length > 0) throw invalid(errors);
    const valid = definition as DashboardDefinition;
    const id = await this.db.transaction(async (m) => {
      const id = randomUUID();
      if (!(await insertDashboard(m, appId, valid, user.id, id))) {
        throw conflict('duplicate_key', `The app already has a dashboard "${valid.key}".`);
      }
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'dashboard.create',
        entityType: 'dashboard',
        entityId: id,
        before: null,
        after: valid,
      });
      return id;
    });
    return this.get(id);
  }

  async update(
    id: string,
    version: number,
    definition: unknown,
    user: AuthUser,
  ): Promise<DashboardView> {
    const current = await this.rowOrThrow(id);
    const errors = validateDashboard(
      definition,
      this.definitions(await this.appForms(current.appId)),
    );
    if (errors.length > 0) throw invalid(errors);
    const valid = definition as DashboardDefinition;
    if (valid.key !== current.key) {
      throw invalid([
        { code: 'schema_invalid', path: '/key', message: `the key must stay "${current.key}"` },
      ]);
    }
    await this.db.transaction(async (m) => {
      if (!(await this.repo.update(m, id, version, valid))) {
        throw conflict(
          'stale_version',
          'The dashboard changed since you loaded it; reload it and edit again.',
        );
      }
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'dashboard.update',
        entityType: 'dashboard',
        entityId: id,
        before: current.definition,
        after: valid,
      });
    });
    return this.get(id);
  }

  async remove(id: string, user: AuthUser): Promise<void> {
    const current = await this.rowOrThrow(id);
    await this.db.transaction(async (m) => {
      await this.repo.delete(m, id);
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'dashboard.delete',
        entityType: 'dashboard',
        entityId: id,
        before: current.definition,
        after: null,
      });
    });
  }

  /**
   * Every chart's values as this user may see them. A chart its forms no longer fit
   * (a field removed in a later version) answers its errors instead of values.
   */
  async data(id: string, user: AuthUser): Promise<DashboardData> {
    const row = await this.rowOrThrow(id);
    const forms = await this.appForms(row.appId);
    const definitions = this.definitions(forms);
    const timeZone = row.definition.timeZone ?? 'UTC';
    const charts: ChartResult[] = [];
    const seen = await this.seen(forms, user);
    for (const chart of row.definition.charts) {
      const errors = validateChart(chart, definitions);
      if (errors.length > 0) {
        charts.push({
          chartId: chart.id,
          error: errors.map((e) => ({ ...e, path: e.path.replace(/^\/charts\/0/, '') })),
        });
        continue;
      }
      charts.push(await this.evaluator.evaluate(chart, { forms, timeZone, user, ...seen }));
    }
    const [clock] = (await this.db.query('SELECT now() AS at')) as { at: Date }[];
    return {
      dashboardId: row.id,
      version: row.version,
      at: (clock?.at ?? new Date()).toISOString(),
      charts,
    };
  }

  /** One chart evaluated without saving anything: the editor's live preview. */
  async preview(
    appKey: string,
    chart: unknown,
    timeZone: string | undefined,
    user: AuthUser,
  ): Promise<ChartData> {
    const appId = await this.appIdOrThrow(appKey);
    const forms = await this.appForms(appId);
    const errors = validateDashboard(
      {
        key: 'preview',
        name: { zh: '预览', en: 'Preview' },
        charts: [chart],
        ...(timeZone !== undefined ? { timeZone } : {}),
      },
      this.definitions(forms),
    );
    if (errors.length > 0) {
      throw new AppError(
        422,
        'definition_invalid',
        'The chart has errors.',
        errors.map((e) => ({ ...e, path: e.path.replace(/^\/charts\/0/, '') })),
      );
    }
    return this.evaluator.evaluate(chart as ChartDefinition, {
      forms,
      timeZone: timeZone ?? 'UTC',
      user,
      ...(await this.seen(forms, user)),
    });
  }
}
