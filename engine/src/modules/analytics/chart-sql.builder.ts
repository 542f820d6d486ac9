import {
  chartField,
  type ChartDimension,
  type ChartFieldInfo,
  type ChartFilter,
  type ChartPart,
  type FormDefinition,
} from '@liuyun/definitions';
import type { RecordScope } from '../access/record-scope';
import type { AuthUser } from '../../common/auth/auth-user';

/** What one part of a chart is evaluated over: a form's rows as a user may see them. */
export interface PartInput {
  part: ChartPart;
  formId: string;
  form: FormDefinition;
  dimension?: ChartDimension;
  timeZone: string;
  user: AuthUser;
  /** The rows the user may see (the access service's scope). */
  scope: RecordScope;
  /** Sort and cap of the groups (group charts); every group when absent. */
  order?: 'key' | 'value_desc' | 'value_asc';
  limit?: number;
}

export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/** One answer row: the group key as text (null: no value), and the measure. */
export interface PartRow {
  k: string | null;
  v: number | null;
}

const DATE_RE = `'^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`;
const DATETIME_RE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}'`;

/**
 * Builds the SQL of one chart part. Everything the user wrote travels as a parameter
 * (field keys included); only fixed fragments are spliced in. Rows are limited to what
 * the user may see by the one visibility condition of the records module.
 */
class PartSql {
  readonly params: unknown[] = [];
  private readonly source: 'records' | 'tasks';
  private needsProcess = false;

  constructor(private readonly input: PartInput) {
    this.source = input.part.source ?? 'records';
  }

  private p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  private info(key: string): ChartFieldInfo {
    const info = chartField(this.input.form, this.source, key);
    // The dashboard was validated against this form just before; a miss is a bug.
    if (!info) throw new Error(`chart field ${key} not found on form ${this.input.form.key}`);
    return info;
  }

  /** The field's value in its natural SQL type (numeric, date, timestamptz or text). */
  private expr(info: ChartFieldInfo): string {
    if (info.system) return this.systemExpr(info.key);
    const k = this.p(info.key);
    switch (info.kind) {
      case 'number':
        return `(CASE WHEN jsonb_typeof(r.data->${k}) = 'number' THEN (r.data->>${k})::numeric END)`;
      case 'date':
        return `(CASE WHEN (r.data->>${k}) ~ ${DATE_RE} THEN (r.data->>${k})::date END)`;
      case 'datetime':
        return `(CASE WHEN (r.data->>${k}) ~ ${DATETIME_RE} THEN (r.data->>${k})::timestamptz END)`;
      case 'boolean':
        return `(CASE WHEN jsonb_typeof(r.data->${k}) = 'boolean' THEN (r.data->>${k}) END)`;
      default:
        return `(CASE WHEN jsonb_typeof(r.data->${k}) IN ('string', 'number') THEN (r.data->>${k}) END)`;
    }
  }

  private systemExpr(key: string): string {
    if (this.source === 'tasks') {
      switch (key) {
        case '$node':
          return 't.node_id';
        case '$assignee':
          return 't.assignee_id::text';
        case '$action':
          return 't.action';
        case '$status':
          return 't.status';
        case '$created_at':
          return 't.created_at';
        case '$completed_at':
          return 't.completed_at';
        case '$duration_hours':
          return '(EXTRACT(EPOCH FROM (t.completed_at - t.created_at)) / 3600.0)';
      }
    } else {
      switch (key) {
        case '$created_at':
          return 'r.created_at';
        case '$updated_at':
          return 'r.updated_at';
        case '$created_by':
          return 'r.created_by::text';
        case '$process_status':
          this.needsProcess = true;
          return 'p.status';
        case '$process_outcome':
          this.needsProcess = true;
          return 'p.outcome';
      }
    }
    throw new Error(`unknown system field ${key}`);
  }

  /** The group key in its SQL type, and how the outer query turns it (`g`) into text. */
  private dimension(d: ChartDimension): { group: string; text: string } {
    const info = this.info(d.field);
    const value = this.expr(info);
    if (info.kind === 'date' || info.kind === 'datetime') {
      // A date is a calendar day already: the time zone is a parameter only where it is used
      // (an unused parameter has no type, and the statement fails).
      const day =
        info.kind === 'datetime'
          ? `((${value}) AT TIME ZONE ${this.p(this.input.timeZone)}::text)::date`
          : value;
      switch (d.bucket) {
        case 'month':
          return {
            group: `date_trunc('month', (${day})::timestamp)::date`,
            text: `to_char(g, 'YYYY-MM')`,
          };
        case 'week':
          return {
            group: `date_trunc('week', (${day})::timestamp)::date`,
            text: `to_char(g, 'YYYY-MM-DD')`,
          };
        default:
          return { group: day, text: `to_char(g, 'YYYY-MM-DD')` };
      }
    }
    if (info.kind === 'number' && d.step !== undefined) {
      const step = this.p(d.step);
      return { group: `(floor(${value} / ${step}::numeric) * ${step}::numeric)`, text: 'g::text' };
    }
    return { group: value, text: 'g::text' };
  }

  private measure(): string {
    const m = this.input.part.measure;
    if (m.op === 'count') return 'count(*)::float8';
    const value = this.expr(this.info(m.field ?? ''));
    if (m.op === 'sum') return `COALESCE(sum(${value}), 0)::float8`;
    return `${m.op}(${value})::float8`;
  }

  private filter(f: ChartFilter): string {
    const info = this.info(f.field);
    const e = this.expr(info);
    const cast =
      info.kind === 'number'
        ? '::numeric'
        : info.kind === 'date'
          ? '::date'
          : info.kind === 'datetime'
            ? '::timestamptz'
            : '';
    const one = (v: unknown) =>
      `${this.p(info.kind === 'number' || cast !== '' ? v : String(v))}${cast}`;
    const list = () => {
      const values = (Array.isArray(f.value) ? f.value : []).map((v) =>
        info.kind === 'number' ? v : String(v),
      );
      return `${this.p(values)}${info.kind === 'number' ? '::numeric[]' : cast === '' ? '::text[]' : `${cast}[]`}`;
    };
    switch (f.op) {
      case 'eq':
        return `${e} = ${one(f.value)}`;
      case 'ne':
        return `${e} IS DISTINCT FROM ${one(f.value)}`;
      case 'in':
        return `${e} = ANY(${list()})`;
      case 'not_in':
        return `(${e} IS NULL OR NOT (${e} = ANY(${list()})))`;
      case 'gt':
        return `${e} > ${one(f.value)}`;
      case 'gte':
        return `${e} >= ${one(f.value)}`;
      case 'lt':
        return `${e} < ${one(f.value)}`;
      case 'lte':
        return `${e} <= ${one(f.value)}`;
      case 'contains': {
        const escaped = String(f.value).replace(/[\\%_]/g, (c) => `\\${c}`);
        return `${e} ILIKE ${this.p(`%${escaped}%`)} ESCAPE '\\'`;
      }
      case 'empty':
        return `(${e} IS NULL OR ${e}::text = '')`;
      case 'not_empty':
        return `(${e} IS NOT NULL AND ${e}::text <> '')`;
      case 'within_days': {
        const days = this.p(f.value);
        if (info.kind === 'date') {
          const tz = this.p(this.input.timeZone);
          return `${e} > (now() AT TIME ZONE ${tz})::date - ${days}::int`;
        }
        return `${e} > now() - make_interval(days => ${days}::int)`;
      }
    }
  }

  build(): BuiltQuery {
    const { part, formId, dimension, scope, order, limit } = this.input;
    // Parameters are numbered in the order the fragments are built; build them first.
    const form = this.p(formId);
    const first = this.params.length + 1;
    this.params.push(...scope.params);
    const visible = scope.sql(first);
    const measure = this.measure();
    const dim = dimension ? this.dimension(dimension) : null;
    const filters = (part.filters ?? []).map((f) => this.filter(f));
    const from =
      this.source === 'tasks'
        ? `FROM tasks t JOIN records r ON r.id = t.record_id
           WHERE t.form_id = ${form}::uuid AND t.kind <> 'cc'`
        : `FROM records r ${
            this.needsProcess
              ? `LEFT JOIN LATERAL (SELECT pi.status, pi.outcome FROM process_instances pi
                   WHERE pi.record_id = r.id ORDER BY pi.created_at DESC, pi.id DESC LIMIT 1) p ON true`
              : ''
          } WHERE r.form_id = ${form}::uuid`;
    const where = [visible, ...filters].map((c) => `AND (${c})`).join(' ');
    if (!dim) {
      return {
        sql: `SELECT NULL::text AS k, ${measure} AS v ${from} ${where}`,
        params: this.params,
      };
    }
    const sort =
      order === 'value_desc'
        ? 'v DESC NULLS LAST, g ASC NULLS LAST'
        : order === 'value_asc'
          ? 'v ASC NULLS LAST, g ASC NULLS LAST'
          : 'g ASC NULLS LAST';
    const cap = limit !== undefined ? `LIMIT ${this.p(limit + 1)}::int` : '';
    const sql = `SELECT ${dim.text} AS k, v FROM (
        SELECT ${dim.group} AS g, ${measure} AS v ${from} ${where} GROUP BY 1
      ) x ORDER BY ${sort} ${cap}`;
    return { sql, params: this.params };
  }
}

/** The SQL of one chart part (see {@link PartSql}). */
export function buildPartQuery(input: PartInput): BuiltQuery {
  return new PartSql(input).build();
}
