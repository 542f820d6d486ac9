import { createHash } from 'node:crypto';
import type {
  DashboardDefinition,
  FlowDefinition,
  FormDefinition,
  TemplateAutomation,
  TemplateDefinition,
} from '@liuyun/definitions';

/**
 * What an upgrade compares: the forms (with their flows), automations and dashboards of
 * a template version or of an app as it stands. Roles and samples are not merged.
 */
export interface ContentForm {
  form: FormDefinition;
  flow: FlowDefinition | null;
}

export interface TemplateContent {
  forms: ContentForm[];
  automations: TemplateAutomation[];
  dashboards: DashboardDefinition[];
}

export function contentOf(t: TemplateDefinition): TemplateContent {
  return {
    forms: t.app.forms.map((f) => ({ form: f.form, flow: f.flow ?? null })),
    automations: (t.automations ?? []).map((a) => ({
      key: a.key,
      name: a.name,
      enabled: a.enabled ?? true,
      trigger: a.trigger,
      flow: a.flow,
    })),
    dashboards: t.dashboards ?? [],
  };
}

/** JSON with object keys sorted: the same document always prints the same. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** A short fingerprint of a template's content: an upgrade is available when it differs. */
export function contentRevision(c: TemplateContent): string {
  return createHash('sha256').update(canonical(c)).digest('hex').slice(0, 16);
}
