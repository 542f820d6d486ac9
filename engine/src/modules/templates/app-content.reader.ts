import type {
  DashboardDefinition,
  FlowDefinition,
  FormDefinition,
  I18nText,
  JsonObject,
  TemplateAutomation,
} from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/app-error';
import type { TemplateContent } from './template-content';

/** An app as it stands: its published forms (with flows), automations and dashboards, with ids. */
export interface AppContent {
  app: { id: string; key: string; name: I18nText; description: I18nText | null };
  content: TemplateContent;
  formIds: Map<string, string>;
  automationIds: Map<string, string>;
  dashboards: Map<string, { id: string; version: number }>;
}

/** Reads an app's current content in the caller's transaction; `lock` holds the app row. */
export async function readAppContent(
  m: EntityManager,
  appKey: string,
  lock = false,
): Promise<AppContent> {
  const apps: { id: string; key: string; name: I18nText; description: I18nText | null }[] =
    await m.query(
      `SELECT id, key, name, description FROM apps WHERE key = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [appKey],
    );
  const app = apps[0];
  if (!app) throw notFound(`The app "${appKey}"`);
  const forms: {
    id: string;
    key: string;
    definition: FormDefinition;
    flow: FlowDefinition | null;
  }[] = await m.query(
    `SELECT f.id, f.key, v.definition, v.flow FROM forms f
       JOIN form_versions v ON v.form_id = f.id AND v.version = f.published_version
      WHERE f.app_id = $1 ORDER BY f.position, f.key`,
    [app.id],
  );
  const automations: {
    id: string;
    key: string;
    name: I18nText;
    enabled: boolean;
    trigger: JsonObject;
    flow: JsonObject;
  }[] = await m.query(
    'SELECT id, key, name, enabled, trigger, flow FROM automations WHERE app_id = $1 ORDER BY created_at, key',
    [app.id],
  );
  const dashboards: {
    id: string;
    key: string;
    definition: DashboardDefinition;
    version: number;
  }[] = await m.query(
    'SELECT id, key, definition, version FROM dashboards WHERE app_id = $1 ORDER BY position, key',
    [app.id],
  );
  return {
    app,
    content: {
      forms: forms.map((f) => ({ form: f.definition, flow: f.flow })),
      automations: automations.map((a): TemplateAutomation => ({
        key: a.key,
        name: a.name,
        enabled: a.enabled,
        trigger: a.trigger,
        flow: a.flow,
      })),
      dashboards: dashboards.map((d) => d.definition),
    },
    formIds: new Map(forms.map((f) => [f.key, f.id])),
    automationIds: new Map(automations.map((a) => [a.key, a.id])),
    dashboards: new Map(dashboards.map((d) => [d.key, { id: d.id, version: d.version }])),
  };
}
