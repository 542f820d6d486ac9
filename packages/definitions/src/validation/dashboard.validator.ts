import { chartField, type ChartFieldInfo } from '../dashboard/chart-fields';
import type {
  ChartDefinition,
  ChartDimension,
  ChartFilter,
  ChartPart,
  DashboardDefinition,
  DashboardError,
} from '../dashboard.types';
import { dashboardDefinitionSchema } from '../schemas/dashboard.schema';
import type { FormDefinition, TemplateDefinition } from '../types';
import { ajv, type ValidateFunction } from './ajv.instance';
import { findJsonLimitViolation } from './json-limits';

let compiled: ValidateFunction | undefined;

function schemaErrors(doc: unknown): DashboardError[] {
  const violation = findJsonLimitViolation(doc);
  if (violation)
    return [{ code: 'schema_invalid', path: violation.path, message: violation.message }];
  compiled ??= ajv.compile(dashboardDefinitionSchema);
  if (compiled(doc)) return [];
  return (compiled.errors ?? []).slice(0, 50).map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra =
      e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string'
        ? `: unknown property "${params.additionalProperty}"`
        : '';
    return {
      code: 'schema_invalid',
      path: e.instancePath,
      message: `${e.message ?? `fails "${e.keyword}"`}${extra}`,
    };
  });
}

const ORDERED = new Set(['number', 'date', 'datetime']);

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function isIsoDateTime(value: string): boolean {
  const m =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
      value,
    );
  return (
    m !== null &&
    isIsoDate(m[1] ?? '') &&
    Number(m[2]) < 24 &&
    Number(m[3]) < 60 &&
    Number(m[4] ?? 0) < 60
  );
}

/** Whether a filter value can be compared with a field of this kind (the SQL casts it). */
function valueFits(kind: ChartFieldInfo['kind'], v: unknown): boolean {
  switch (kind) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && isIsoDate(v);
    case 'datetime':
      return typeof v === 'string' && (isIsoDate(v) || isIsoDateTime(v));
    default:
      return typeof v === 'string' || typeof v === 'number';
  }
}

const KIND_VALUE: Record<ChartFieldInfo['kind'], string> = {
  number: 'a number',
  boolean: 'true or false',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date or date-time (ISO 8601)',
  enum: 'a value',
  text: 'a text',
  user: 'a user id',
  department: 'a department id',
  node: 'a node id',
};
const DATES = new Set(['date', 'datetime']);

class DashboardChecker {
  readonly errors: DashboardError[] = [];

  constructor(private readonly forms: ReadonlyMap<string, FormDefinition>) {}

  private add(error: DashboardError): void {
    this.errors.push(error);
  }

  /** The field, or an error (null) when the form has no such field for charts. */
  private field(
    form: FormDefinition,
    part: ChartPart,
    key: string,
    path: string,
    chartId: string,
  ): ChartFieldInfo | null {
    const source = part.source ?? 'records';
    const info = chartField(form, source, key);
    if (info) return info;
    const usable = form.schema.properties[key] !== undefined;
    this.add({
      code: usable ? 'field_type_mismatch' : 'unknown_field',
      path,
      chartId,
      message: usable
        ? `charts cannot use the field "${key}" of form "${form.key}" (sub-forms and files have no single value)`
        : `form "${form.key}" has no field "${key}"${source === 'tasks' ? ' for tasks' : ''}`,
    });
    return null;
  }

  private filter(
    form: FormDefinition,
    part: ChartPart,
    f: ChartFilter,
    path: string,
    chartId: string,
  ): void {
    const info = this.field(form, part, f.field, `${path}/field`, chartId);
    if (!info) return;
    const bad = (message: string) =>
      this.add({
        code: 'invalid_filter',
        path,
        chartId,
        message: `${f.field} ${f.op}: ${message}`,
      });
    const v = f.value;
    switch (f.op) {
      case 'empty':
      case 'not_empty':
        if (v !== undefined) bad('takes no value');
        return;
      case 'in':
      case 'not_in':
        if (!Array.isArray(v) || v.length === 0) bad('needs a non-empty list of values');
        else if (!v.every((x) => valueFits(info.kind, x)))
          bad(`every value must be ${KIND_VALUE[info.kind]}`);
        return;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (!ORDERED.has(info.kind)) bad('compares only numbers and dates');
        else if (!valueFits(info.kind, v)) bad(`needs ${KIND_VALUE[info.kind]}`);
        return;
      case 'contains':
        if (info.kind !== 'text') bad('applies to text fields');
        else if (typeof v !== 'string' || v === '') bad('needs some text');
        return;
      case 'within_days':
        if (!DATES.has(info.kind)) bad('applies to date fields');
        else if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 36600)
          bad('needs a whole number of days (1–36600)');
        return;
      case 'eq':
      case 'ne':
        if (v === undefined || Array.isArray(v)) bad('needs one value');
        else if (!valueFits(info.kind, v)) bad(`needs ${KIND_VALUE[info.kind]}`);
        return;
    }
  }

  private dimension(
    form: FormDefinition,
    part: ChartPart,
    d: ChartDimension,
    path: string,
    chartId: string,
  ): void {
    const info = this.field(form, part, d.field, `${path}/field`, chartId);
    if (!info) return;
    if (d.bucket !== undefined && !DATES.has(info.kind)) {
      this.add({
        code: 'field_type_mismatch',
        path: `${path}/bucket`,
        chartId,
        message: `a date bucket needs a date field; "${d.field}" is ${info.kind}`,
      });
    }
    if (d.step !== undefined && info.kind !== 'number') {
      this.add({
        code: 'field_type_mismatch',
        path: `${path}/step`,
        chartId,
        message: `ranges need a number field; "${d.field}" is ${info.kind}`,
      });
    }
    if (d.bucket !== undefined && d.step !== undefined) {
      this.add({
        code: 'schema_invalid',
        path,
        chartId,
        message: 'a dimension has a date bucket or a step, not both',
      });
    }
  }

  /** Checks one part: its form, measure, filters and the dimension applied to it. */
  part(
    part: ChartPart,
    path: string,
    chartId: string,
    dimension?: { value: ChartDimension; path: string },
  ): void {
    const form = this.forms.get(part.form);
    if (!form) {
      this.add({
        code: 'unknown_form',
        path: `${path}/form`,
        chartId,
        message: `the app has no form "${part.form}"`,
      });
      return;
    }
    const m = part.measure;
    if (m.op === 'count') {
      if (m.field !== undefined) {
        this.add({
          code: 'schema_invalid',
          path: `${path}/measure/field`,
          chartId,
          message: 'a count takes no field',
        });
      }
    } else if (m.field === undefined) {
      this.add({
        code: 'schema_invalid',
        path: `${path}/measure`,
        chartId,
        message: `"${m.op}" needs a number field`,
      });
    } else {
      const info = this.field(form, part, m.field, `${path}/measure/field`, chartId);
      if (info && info.kind !== 'number') {
        this.add({
          code: 'field_type_mismatch',
          path: `${path}/measure/field`,
          chartId,
          message: `"${m.op}" needs a number field; "${m.field}" is ${info.kind}`,
        });
      }
    }
    (part.filters ?? []).forEach((f, i) =>
      this.filter(form, part, f, `${path}/filters/${i}`, chartId),
    );
    if (dimension) this.dimension(form, part, dimension.value, dimension.path, chartId);
  }

  chart(chart: ChartDefinition, path: string): void {
    const q = chart.query;
    const at = `${path}/query`;
    const shape = (message: string) =>
      this.add({ code: 'chart_shape_mismatch', path: `${path}/type`, chartId: chart.id, message });
    if (q.kind === 'group') {
      const dim = q.dimension ? { value: q.dimension, path: `${at}/dimension` } : undefined;
      this.part(q, at, chart.id, dim);
      if (chart.type === 'number' && q.dimension)
        shape('a number chart shows one value: remove the dimension');
      if (chart.type !== 'number' && chart.type !== 'table' && !q.dimension)
        shape(`a ${chart.type} chart needs a dimension`);
    } else if (q.kind === 'steps') {
      q.steps.forEach((s, i) => this.part(s, `${at}/steps/${i}`, chart.id));
      if (chart.type === 'number' && q.steps.length > 1)
        shape('a number chart shows one value: keep one step');
    } else {
      const dim = (p: string) => (q.dimension ? { value: q.dimension, path: p } : undefined);
      this.part(q.numerator, `${at}/numerator`, chart.id, dim(`${at}/dimension`));
      this.part(q.denominator, `${at}/denominator`, chart.id, dim(`${at}/dimension`));
      if (chart.type === 'number' && q.dimension)
        shape('a number chart shows one value: remove the dimension');
      if (chart.type === 'funnel' || chart.type === 'pie')
        shape(`a ratio cannot be shown as a ${chart.type} chart`);
      if ((chart.type === 'bar' || chart.type === 'line') && !q.dimension)
        shape(`a ${chart.type} chart needs a dimension`);
    }
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates a dashboard: its JSON Schema, then every chart against the app's forms
 * (known forms and fields, measures over numbers, buckets over dates, filters that fit,
 * chart types that can show their query). Never throws.
 */
export function validateDashboard(
  doc: unknown,
  forms: ReadonlyMap<string, FormDefinition>,
): DashboardError[] {
  try {
    const errors = schemaErrors(doc);
    if (errors.length > 0) return errors;
    const dashboard = doc as DashboardDefinition;
    const checker = new DashboardChecker(forms);
    if (dashboard.timeZone !== undefined && !isTimeZone(dashboard.timeZone)) {
      checker.errors.push({
        code: 'invalid_time_zone',
        path: '/timeZone',
        message: `"${dashboard.timeZone}" is not a time zone (use an IANA name such as Asia/Shanghai)`,
      });
    }
    const ids = new Set<string>();
    dashboard.charts.forEach((chart, i) => {
      if (ids.has(chart.id)) {
        checker.errors.push({
          code: 'duplicate_id',
          path: `/charts/${i}/id`,
          chartId: chart.id,
          message: `two charts have the id "${chart.id}"`,
        });
      }
      ids.add(chart.id);
      checker.chart(chart, `/charts/${i}`);
    });
    return checker.errors;
  } catch (error) {
    return [
      {
        code: 'schema_invalid',
        path: '',
        message: `the dashboard could not be validated: ${String(error)}`,
      },
    ];
  }
}

/** Validates one chart on its own (the editor's live preview), as chart 0 of a dashboard. */
export function validateChart(
  chart: unknown,
  forms: ReadonlyMap<string, FormDefinition>,
): DashboardError[] {
  return validateDashboard(
    { key: 'preview', name: { zh: '预览', en: 'Preview' }, charts: [chart] },
    forms,
  );
}

/** Validates a template's dashboards against the template's own forms. Never throws. */
export function validateTemplateDashboards(template: TemplateDefinition): DashboardError[] {
  const forms = new Map(template.app.forms.map((entry) => [entry.form.key, entry.form]));
  const errors: DashboardError[] = [];
  const keys = new Set<string>();
  (template.dashboards ?? []).forEach((dashboard, i) => {
    if (keys.has(dashboard.key)) {
      errors.push({
        code: 'duplicate_id',
        path: `/dashboards/${i}/key`,
        message: `two dashboards have the key "${dashboard.key}"`,
      });
    }
    keys.add(dashboard.key);
    for (const e of validateDashboard(dashboard, forms))
      errors.push({ ...e, path: `/dashboards/${i}${e.path}` });
  });
  return errors;
}
