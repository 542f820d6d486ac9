import type { FieldSchema, JsonValue } from '@liuyun/definitions';
import { Tag } from 'antd';
import { displayValue } from '../form/field-value';
import { useI18n } from '../i18n/useI18n';

const colors: Record<string, string> = {
  draft: 'default',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/** The record's status field, large and coloured by its value. */
export function StatusTag({ field, value }: { field: FieldSchema | undefined; value: JsonValue }) {
  const { language, formatNumber } = useI18n();
  const raw = typeof value === 'string' ? value : String(value);
  const label = field ? displayValue(field, value, { language, formatNumber }) : raw;
  return (
    <Tag
      color={colors[raw] ?? 'blue'}
      className="status-tag"
      data-testid="record-status"
      data-value={raw}
    >
      {label}
    </Tag>
  );
}
