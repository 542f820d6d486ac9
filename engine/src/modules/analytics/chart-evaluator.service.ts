import { Injectable } from '@nestjs/common';
import {
  chartField,
  type ChartDefinition,
  type ChartDimension,
  type ChartFieldInfo,
  type ChartPart,
  type FormDefinition,
  type I18nText,
} from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdentityService } from '../identity/identity.service';
import type { RecordScope } from '../access/record-scope';
import { buildPartQuery, type PartRow } from './chart-sql.builder';

/** How a chart's values read: counts, plain numbers, money, percentages or hours. */
export type ChartUnit = 'count' | 'number' | 'money' | 'percent' | 'hours';

export interface ChartRow {
  /** The group (a value, a date bucket, a range start, a step id); null: no value. */
  key: string | null;
  label: I18nText;
  value: number | null;
  /** Ratios: the two parts. */
  numerator?: number | null;
  denominator?: number | null;
}

export interface ChartData {
  chartId: string;
  unit: ChartUnit;
  rows: ChartRow[];
  /** More groups existed than the chart's limit. */
  truncated: boolean;
}

/** The forms of an app a dashboard may read, by key. */
export type AppForms = ReadonlyMap<string, { id: string; definition: FormDefinition }>;

export interface EvaluationContext {
  forms: AppForms;
  timeZone: string;
  user: AuthUser;
  /** The records the user may see, and the fields their permission sets hide, by form id. */
  scope: RecordScope;
  hidden: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The form fields a chart part reads (measure, filters, dimension). */
function fieldsOf(part: ChartPart, dimension?: ChartDimension): string[] {
  return [part.measure.field, dimension?.field, ...(part.filters ?? []).map((f) => f.field)].filter(
    (f): f is string => typeof f === 'string',
  );
}

const DEFAULT_GROUPS = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const same = (s: string): I18nText => ({ zh: s, en: s });
const EMPTY: I18nText = { zh: '（空）', en: '(empty)' };

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/** Evaluates charts in SQL over records and tasks, as the viewing user may see them. */
@Injectable()
export class ChartEvaluator {
  constructor(
    private readonly db: DataSource,
    private readonly identity: IdentityService,
  ) {}

  async evaluate(chart: ChartDefinition, ctx: EvaluationContext): Promise<ChartData> {
    const q = chart.query;
    if (q.kind === 'group') {
      const limit = q.limit ?? DEFAULT_GROUPS;
      const rows = await this.run(q, ctx, q.dimension, q.sort ?? 'key', limit);
      return {
        chartId: chart.id,
        unit: this.unit(q, ctx),
        rows: await this.label(rows.slice(0, limit), q, ctx, q.dimension),
        truncated: rows.length > limit,
      };
    }
    if (q.kind === 'steps') {
      const rows: ChartRow[] = [];
      for (const [i, step] of q.steps.entries()) {
        const [row] = await this.run(step, ctx);
        rows.push({ key: `step_${i + 1}`, label: step.label, value: row?.v ?? null });
      }
      return {
        chartId: chart.id,
        unit: q.steps[0] ? this.unit(q.steps[0], ctx) : 'count',
        rows,
        truncated: false,
      };
    }
    const denominator = await this.run(q.denominator, ctx, q.dimension);
    const numerator = await this.run(q.numerator, ctx, q.dimension);
    const num = new Map(numerator.map((r) => [r.k, r.v]));
    const keys = [...denominator.map((r) => r.k)];
    for (const r of numerator) if (!keys.includes(r.k)) keys.push(r.k);
    const den = new Map(denominator.map((r) => [r.k, r.v]));
    const quotient = q.result === 'quotient';
    const combined = keys.map((k) => {
      const n = num.get(k) ?? 0;
      const d = den.get(k) ?? 0;
      return { k, n, d, v: d === 0 ? null : quotient ? n / d : (n / d) * 100 };
    });
    const labelled = await this.label(
      combined.map((c) => ({ k: c.k, v: c.v })),
      q.denominator,
      ctx,
      q.dimension,
    );
    return {
      chartId: chart.id,
      unit: quotient ? this.unit(q.numerator, ctx) : 'percent',
      rows: labelled.map((row, i) => ({
        ...row,
        numerator: combined[i]?.n ?? null,
        denominator: combined[i]?.d ?? null,
      })),
      truncated: false,
    };
  }

  private form(part: ChartPart, ctx: EvaluationContext) {
    const form = ctx.forms.get(part.form);
    // Dashboards are validated against the app's forms before they are evaluated.
    if (!form) throw new Error(`form ${part.form} missing from the evaluation context`);
    return form;
  }

  private async run(
    part: ChartPart,
    ctx: EvaluationContext,
    dimension?: ChartDimension,
    order?: 'key' | 'value_desc' | 'value_asc',
    limit?: number,
  ): Promise<PartRow[]> {
    const form = this.form(part, ctx);
    // A part that reads a field the viewer may not see tells them nothing.
    const hidden = ctx.hidden.get(form.id);
    if (hidden && fieldsOf(part, dimension).some((f) => hidden.has(f))) return [];
    const query = buildPartQuery({
      part,
      formId: form.id,
      form: form.definition,
      timeZone: ctx.timeZone,
      user: ctx.user,
      scope: ctx.scope,
      ...(dimension ? { dimension } : {}),
      ...(order ? { order } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    const rows: { k: string | null; v: number | string | null }[] = await this.db.query(
      query.sql,
      query.params,
    );
    return rows.map((r) => ({ k: r.k, v: r.v === null ? null : Number(r.v) }));
  }

  private unit(part: ChartPart, ctx: EvaluationContext): ChartUnit {
    const m = part.measure;
    if (m.op === 'count' || m.field === undefined) return 'count';
    if (m.field === '$duration_hours') return 'hours';
    const field = this.form(part, ctx).definition.schema.properties[m.field];
    const widget = field?.['x-widget'] as string | undefined;
    return widget === 'money' ? 'money' : widget === 'percent' ? 'percent' : 'number';
  }

  /** Labels for the group keys: enum labels, user and department names, node names, ranges. */
  private async label(
    rows: PartRow[],
    part: ChartPart,
    ctx: EvaluationContext,
    dimension?: ChartDimension,
  ): Promise<ChartRow[]> {
    if (!dimension) return rows.map((r) => ({ key: r.k, label: same(''), value: r.v }));
    const form = this.form(part, ctx);
    const info = chartField(form.definition, part.source ?? 'records', dimension.field);
    const names = await this.names(
      info,
      form.id,
      rows.map((r) => r.k).filter((k): k is string => k !== null),
    );
    return rows.map((r) => ({
      key: r.k,
      label: r.k === null ? EMPTY : this.labelOf(r.k, info, dimension, names),
      value: r.v,
    }));
  }

  private labelOf(
    key: string,
    info: ChartFieldInfo | undefined,
    dimension: ChartDimension,
    names: Map<string, I18nText>,
  ): I18nText {
    const named = names.get(key);
    if (named) return named;
    if (info?.kind === 'enum') {
      const found = info.enumLabels?.find((e) => e.value === key);
      if (found) return found.label;
    }
    if (info?.kind === 'boolean') {
      return key === 'true' ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' };
    }
    if (info?.kind === 'number' && dimension.step !== undefined) {
      const lo = Number(key);
      const range = `${formatNumber(lo)}–${formatNumber(lo + dimension.step)}`;
      return same(range);
    }
    if (dimension.bucket === 'week') return { zh: `${key} 当周`, en: `Week of ${key}` };
    return same(key);
  }

  private async names(
    info: ChartFieldInfo | undefined,
    formId: string,
    keys: string[],
  ): Promise<Map<string, I18nText>> {
    const names = new Map<string, I18nText>();
    if (!info || keys.length === 0) return names;
    if (info.kind === 'user') {
      const refs = await this.identity.refs(keys.filter((k) => UUID.test(k)));
      for (const [id, ref] of refs) names.set(id, same(ref.displayName || ref.username));
    } else if (info.kind === 'department') {
      const rows: { id: string; name: string }[] = await this.db.query(
        'SELECT id::text AS id, name FROM departments WHERE id = ANY($1::uuid[])',
        [keys.filter((k) => UUID.test(k))],
      );
      for (const r of rows) names.set(r.id, same(r.name));
    } else if (info.kind === 'node') {
      const rows: { node_id: string; node_name: I18nText }[] = await this.db.query(
        `SELECT DISTINCT ON (node_id) node_id, node_name FROM tasks
          WHERE form_id = $1 AND node_id = ANY($2::text[]) ORDER BY node_id, created_at DESC`,
        [formId, keys],
      );
      for (const r of rows) names.set(r.node_id, r.node_name);
    }
    return names;
  }
}
