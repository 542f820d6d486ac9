/**
 * Dashboards (仪表盘): charts over the records of an app's forms and over the tasks of
 * their flows. The engine evaluates every chart in SQL, within what the viewer may see.
 */
import type { I18nText } from './types';

export type ChartType = 'bar' | 'line' | 'pie' | 'funnel' | 'number' | 'table';

/** Which rows a part of a chart counts: the records of a form, or the tasks of its flow. */
export type ChartSource = 'records' | 'tasks';

/** Date buckets of a date or date-time dimension (in the dashboard's time zone). */
export type DateBucket = 'day' | 'week' | 'month';

/**
 * A field a chart reads: a key of the form's data (`discount_pct`), or a system field
 * that starts with `$`. Records: `$created_at`, `$updated_at`, `$created_by`,
 * `$process_status`, `$process_outcome`. Tasks (their record's data fields too): `$node`, `$assignee`,
 * `$action`, `$status`, `$created_at`, `$completed_at`, `$duration_hours`.
 */
export type ChartField = string;

/** What the rows are grouped by. */
export interface ChartDimension {
  field: ChartField;
  /** For date and date-time fields. */
  bucket?: DateBucket;
  /** For number fields: ranges of this width (a histogram), e.g. 5 → 0–5, 5–10, ... */
  step?: number;
}

export type MeasureOp = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** What is computed per group: a count, or an aggregate of a number field. */
export interface ChartMeasure {
  op: MeasureOp;
  /** Required for every op but `count`. */
  field?: ChartField;
}

export type FilterOp =
  | 'eq'
  | 'ne'
  | 'in'
  | 'not_in'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'contains'
  | 'empty'
  | 'not_empty'
  /** Date fields: within the last N days (value: N). */
  | 'within_days';

export type FilterValue = string | number | boolean | null | (string | number | boolean)[];

export interface ChartFilter {
  field: ChartField;
  op: FilterOp;
  value?: FilterValue;
}

/** One set of rows and what is computed over it. */
export interface ChartPart {
  /** Records when absent. */
  source?: ChartSource;
  /** Key of a form of the app. */
  form: string;
  filters?: ChartFilter[];
  measure: ChartMeasure;
}

/** Rows of one form grouped by a dimension (or not grouped: one value). */
export interface GroupQuery extends ChartPart {
  kind: 'group';
  dimension?: ChartDimension;
  /** Groups by value (largest first) or by key; by key when absent. */
  sort?: 'key' | 'value_desc' | 'value_asc';
  /** The most groups shown (the rest are dropped); 50 when absent. */
  limit?: number;
}

/** One value per step, each over its own form and filters: funnels, side-by-side counts. */
export interface StepsQuery {
  kind: 'steps';
  steps: (ChartPart & { label: I18nText })[];
}

/**
 * A ratio of two parts, possibly of two forms (conversion rate, win rate), as a
 * percentage or a plain quotient; per dimension group when a dimension is given (it must fit both forms).
 */
export interface RatioQuery {
  kind: 'ratio';
  numerator: ChartPart;
  denominator: ChartPart;
  dimension?: ChartDimension;
  /**
   * `percent` (when absent): numerator / denominator × 100. `quotient`: numerator /
   * denominator in the numerator's unit (cost per customer won, revenue per customer).
   */
  result?: 'percent' | 'quotient';
}

export type ChartQuery = GroupQuery | StepsQuery | RatioQuery;

export interface ChartDefinition {
  /** Unique within the dashboard. */
  id: string;
  title: I18nText;
  type: ChartType;
  /** Width on a 24-column grid; 12 when absent. */
  span?: number;
  query: ChartQuery;
}

export interface DashboardDefinition {
  /** Unique within the app. */
  key: string;
  name: I18nText;
  description?: I18nText;
  /** IANA time zone for date buckets and "last N days"; UTC when absent. */
  timeZone?: string;
  charts: ChartDefinition[];
}

export type DashboardErrorCode =
  | 'schema_invalid'
  | 'duplicate_id'
  | 'unknown_form'
  | 'unknown_field'
  /** A field used where its type does not fit (sum of a text field, date bucket on a number). */
  | 'field_type_mismatch'
  /** A filter whose value does not fit its operator or field. */
  | 'invalid_filter'
  /** A chart type that cannot show its query (a number chart over groups). */
  | 'chart_shape_mismatch'
  | 'invalid_time_zone';

export interface DashboardError {
  code: DashboardErrorCode;
  message: string;
  /** JSON Pointer into the dashboard, e.g. `/charts/2/query/measure/field`. */
  path: string;
  chartId?: string;
}
