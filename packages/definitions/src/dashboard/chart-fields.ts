import type { ChartSource } from '../dashboard.types';
import type { FieldSchema, FormDefinition, I18nText } from '../types';

/**
 * What a chart can do with a field:
 * - `number`: sum/avg/min/max, ranges (`step`), comparisons;
 * - `date` / `datetime`: buckets, comparisons, "last N days";
 * - `enum`: a fixed list of values with labels; `text`: free text;
 * - `boolean`; `user` / `department`: ids shown by name; `node`: a flow node id.
 */
export type ChartFieldKind =
  'number' | 'date' | 'datetime' | 'enum' | 'text' | 'boolean' | 'user' | 'department' | 'node';

export interface ChartFieldInfo {
  key: string;
  kind: ChartFieldKind;
  label: I18nText;
  /** A system field (`$...`) rather than a key of the record's data. */
  system: boolean;
  /** Value labels of an `enum` field, by value. */
  enumLabels?: { value: string; label: I18nText }[];
}

const t = (zh: string, en: string): I18nText => ({ zh, en });

const RECORD_SYSTEM_FIELDS: ChartFieldInfo[] = [
  { key: '$created_at', kind: 'datetime', label: t('提交时间', 'Submitted at'), system: true },
  { key: '$updated_at', kind: 'datetime', label: t('更新时间', 'Updated at'), system: true },
  { key: '$created_by', kind: 'user', label: t('提交人', 'Submitter'), system: true },
  {
    key: '$process_status',
    kind: 'enum',
    label: t('流程状态', 'Process status'),
    system: true,
    enumLabels: [
      { value: 'running', label: t('进行中', 'Running') },
      { value: 'completed', label: t('已结束', 'Completed') },
      { value: 'failed', label: t('出错', 'Failed') },
    ],
  },
  {
    key: '$process_outcome',
    kind: 'enum',
    label: t('流程结果', 'Process outcome'),
    system: true,
    enumLabels: [
      { value: 'approved', label: t('通过', 'Approved') },
      { value: 'rejected', label: t('驳回', 'Rejected') },
      { value: 'withdrawn', label: t('已撤回', 'Withdrawn') },
    ],
  },
];

const TASK_SYSTEM_FIELDS: ChartFieldInfo[] = [
  { key: '$node', kind: 'node', label: t('流程节点', 'Flow node'), system: true },
  { key: '$assignee', kind: 'user', label: t('处理人', 'Assignee'), system: true },
  {
    key: '$action',
    kind: 'enum',
    label: t('处理结果', 'Decision'),
    system: true,
    enumLabels: [
      { value: 'approve', label: t('同意', 'Approved') },
      { value: 'reject', label: t('驳回', 'Rejected') },
      { value: 'return', label: t('退回', 'Returned') },
      { value: 'transfer', label: t('转交', 'Transferred') },
      { value: 'submit', label: t('提交', 'Submitted') },
    ],
  },
  {
    key: '$status',
    kind: 'enum',
    label: t('任务状态', 'Task status'),
    system: true,
    enumLabels: [
      { value: 'open', label: t('待处理', 'Open') },
      { value: 'completed', label: t('已完成', 'Completed') },
      { value: 'cancelled', label: t('已取消', 'Cancelled') },
    ],
  },
  { key: '$created_at', kind: 'datetime', label: t('到达时间', 'Arrived at'), system: true },
  { key: '$completed_at', kind: 'datetime', label: t('完成时间', 'Completed at'), system: true },
  {
    key: '$duration_hours',
    kind: 'number',
    label: t('处理用时（小时）', 'Time spent (hours)'),
    system: true,
  },
];

/** The chart kind of a form field, or null when a chart cannot use it (sub-forms, files). */
export function chartKindOfField(field: FieldSchema): ChartFieldKind | null {
  const widget = field['x-widget'] as string;
  if (field.type === 'number' || field.type === 'integer') return 'number';
  if (field.type === 'boolean') return 'boolean';
  if (field.type !== 'string') return null;
  if (widget === 'member') return 'user';
  if (widget === 'department') return 'department';
  if (field.format === 'date' || widget === 'date') return 'date';
  if (field.format === 'date-time' || widget === 'datetime') return 'datetime';
  if (Array.isArray(field.enum)) return 'enum';
  return 'text';
}

function dataFields(form: FormDefinition): ChartFieldInfo[] {
  const fields: ChartFieldInfo[] = [];
  for (const [key, field] of Object.entries(form.schema.properties)) {
    const kind = chartKindOfField(field);
    if (kind === null) continue;
    const info: ChartFieldInfo = { key, kind, label: field['x-label'], system: false };
    if (kind === 'enum' && field.enum) {
      const labels = field['x-enum-labels'];
      info.enumLabels = field.enum.map((value, i) => ({
        value: String(value),
        label: labels?.[i] ?? { zh: String(value), en: String(value) },
      }));
    }
    fields.push(info);
  }
  return fields;
}

/**
 * Every field a chart over this form and source may use: the system fields, then the
 * form's data fields (tasks see their record's data fields too).
 */
export function chartFields(
  form: FormDefinition,
  source: ChartSource = 'records',
): ChartFieldInfo[] {
  return [...(source === 'tasks' ? TASK_SYSTEM_FIELDS : RECORD_SYSTEM_FIELDS), ...dataFields(form)];
}

/** One field of {@link chartFields}, or undefined. */
export function chartField(
  form: FormDefinition,
  source: ChartSource,
  key: string,
): ChartFieldInfo | undefined {
  return chartFields(form, source).find((f) => f.key === key);
}
