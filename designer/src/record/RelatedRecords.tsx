import { Table, Typography } from 'antd';
import type { PublishedForm } from '@liuyun/client';
import type { FieldSchema, JsonObject } from '@liuyun/definitions';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { fieldsApi, type RelatedRow } from '../api/fields.api';
import { useQuery } from '../common/useQuery';
import { useDirectoryLabels } from '../form/directory-labels';
import { displayValue, fieldLabel } from '../form/field-value';
import { useI18n } from '../i18n/useI18n';

interface Props {
  recordId: string;
  /** The app the record's form belongs to (the related form is one of its forms). */
  appKey: string;
  fieldKey: string;
  field: FieldSchema;
}

/** The related form's definition, for column titles and values (null: not readable). */
async function relatedForm(appKey: string, formKey: string, signal: AbortSignal) {
  const apps = await api.apps(signal);
  const summary = apps.find((a) => a.key === appKey)?.forms.find((f) => f.key === formKey);
  return summary ? api.form(summary.id, signal).catch((): PublishedForm | null => null) : null;
}

/**
 * A related list (关联列表): the records of another form whose link points at this record,
 * only those the viewer may see (the engine filters them), each opening its own page.
 */
export function RelatedRecords({ recordId, appKey, fieldKey, field }: Props) {
  const { t, language, formatNumber, formatDateTime } = useI18n();
  const spec = field['x-related'];
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [items, form] = await Promise.all([
        fieldsApi.related(recordId, fieldKey),
        spec ? relatedForm(appKey, spec.form, signal) : Promise.resolve(null),
      ]);
      return { items, form };
    },
    [recordId, appKey, fieldKey, spec],
  );
  const { data, error, loading } = useQuery(load);
  const labels = useDirectoryLabels(
    data?.form?.definition ?? null,
    (data?.items ?? []).map((r) => r.data as JsonObject),
  );
  if (error) return <Typography.Text type="danger">{t('record.relatedFailed')}</Typography.Text>;
  const properties = data?.form?.definition.schema.properties ?? {};
  const columns = (spec?.columns ?? []).map((key, index) => {
    const column = properties[key];
    return {
      key,
      title: column ? fieldLabel(column, key, language) : key,
      render: (_: unknown, row: RelatedRow) => {
        const value = (row.data as JsonObject)[key];
        const shown =
          (column
            ? displayValue(column, value, { language, formatNumber, labels })
            : typeof value === 'string' || typeof value === 'number'
              ? String(value)
              : '') || '—';
        return index === 0 ? (
          <Link to={`/records/${encodeURIComponent(row.id)}`}>{shown}</Link>
        ) : (
          shown
        );
      },
    };
  });
  return (
    <Table<RelatedRow>
      size="small"
      rowKey="id"
      loading={loading}
      pagination={false}
      dataSource={data?.items ?? []}
      columns={[
        ...columns,
        {
          key: 'createdAt',
          title: t('records.submittedAt'),
          render: (_: unknown, row: RelatedRow) => formatDateTime(row.createdAt),
        },
      ]}
      locale={{ emptyText: t('record.relatedEmpty') }}
      scroll={{ x: 'max-content' }}
      data-testid={`related-${fieldKey}`}
    />
  );
}
