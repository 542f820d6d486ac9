import {
  subFormRowsOf,
  type ChartType,
  type FieldSchema,
  type FormDefinition,
} from '@liuyun/definitions';
import { Card, Empty, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { BackLink } from '../layout/BackLink';
import { InstallButton } from './TemplateGalleryPage';

const FlowCanvas = lazy(() => import('../flow/FlowCanvas'));

interface FieldRow {
  key: string;
  label: string;
  widget: string;
  required: boolean;
  rules: string[];
  children?: FieldRow[];
}

function fieldRows(
  properties: Record<string, FieldSchema>,
  required: string[],
  order: string[],
  label: (f: FieldSchema, key: string) => string,
  rules: (f: FieldSchema) => string[],
): FieldRow[] {
  return order
    .filter((key) => properties[key])
    .map((key) => {
      const field = properties[key]!;
      const row: FieldRow = {
        key,
        label: label(field, key),
        widget: field['x-widget'],
        required: required.includes(key),
        rules: rules(field),
      };
      const items = subFormRowsOf(field);
      if (items) {
        row.children = fieldRows(
          items.properties,
          items.required ?? [],
          Object.keys(items.properties),
          label,
          rules,
        ).map((c) => ({
          ...c,
          key: `${key}.${c.key}`,
        }));
      }
      return row;
    });
}

function FormFields({ form }: { form: FormDefinition }) {
  const { t, text } = useI18n();
  const rows = fieldRows(
    form.schema.properties,
    form.schema.required ?? [],
    form.layout,
    (f, key) => text(f['x-label'], key),
    (f) => [
      ...(f['x-computed'] !== undefined ? [t('gallery.rule.computed')] : []),
      ...(f['x-visible'] !== undefined ? [t('gallery.rule.visible')] : []),
      ...(f['x-required-when'] !== undefined ? [t('gallery.rule.requiredWhen')] : []),
    ],
  );
  return (
    <Table<FieldRow>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      expandable={{ defaultExpandAllRows: true }}
      data-testid={`template-fields-${form.key}`}
      columns={[
        { key: 'label', dataIndex: 'label', title: t('gallery.field.label') },
        {
          key: 'key',
          dataIndex: 'key',
          title: t('gallery.field.key'),
          render: (k: string) => <code>{k}</code>,
        },
        { key: 'widget', dataIndex: 'widget', title: t('gallery.field.widget') },
        {
          key: 'required',
          dataIndex: 'required',
          title: t('gallery.field.required'),
          render: (r: boolean) => (r ? t('ws.yes') : ''),
        },
        {
          key: 'rules',
          dataIndex: 'rules',
          title: t('gallery.field.rule'),
          render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>),
        },
      ]}
    />
  );
}

/** `/admin/templates/:key`: a template's forms (fields), flows (drawn read-only) and dashboards, before installing. */
export default function TemplatePreviewPage() {
  const { key = '' } = useParams();
  const { t, text } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.template(key, signal), [key]);
  const { data, error, reload } = useQuery(load);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <div className="page-wide">
      <BackLink to="/admin/templates" />
      <Flex align="center" justify="space-between" wrap gap={12} className="page-head">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {text(data.name, data.key)}
          </Typography.Title>
          <Typography.Text type="secondary">{text(data.description)}</Typography.Text>
        </div>
        <InstallButton template={data} onInstalled={reload} />
      </Flex>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Text strong>{t('gallery.roles')}:</Typography.Text>
        {data.roles.map((r) => (
          <Tag key={r.key}>{text(r.name, r.key)}</Tag>
        ))}
        <Typography.Text type="secondary">
          · {t('gallery.samples', { count: data.sampleRecords })}
        </Typography.Text>
      </Flex>
      <Card className="panel" title={t('gallery.forms')}>
        <Tabs
          items={data.forms.map(({ form, flow }) => ({
            key: form.key,
            label: text(form.name, form.key),
            children: (
              <Flex vertical gap={16}>
                <section aria-label={t('gallery.fields')}>
                  <Typography.Title level={5}>{t('gallery.fields')}</Typography.Title>
                  <FormFields form={form} />
                </section>
                <section aria-label={t('gallery.flow')} data-testid={`template-flow-${form.key}`}>
                  <Typography.Title level={5}>{t('gallery.flow')}</Typography.Title>
                  {flow ? (
                    <Suspense fallback={<PageLoading />}>
                      <FlowCanvas flow={flow} run={null} height={420} />
                    </Suspense>
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gallery.noFlow')} />
                  )}
                </section>
              </Flex>
            ),
          }))}
        />
      </Card>
      {data.dashboards.length > 0 && (
        <Card className="panel" title={t('gallery.dashboards')} style={{ marginTop: 20 }}>
          {data.dashboards.map((d) => (
            <div key={d.key} className="template-dashboard">
              <Typography.Text strong>{text(d.name, d.key)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {t('gallery.charts', { count: d.charts.length })}
              </Typography.Text>
              {d.description && (
                <Typography.Paragraph type="secondary">{text(d.description)}</Typography.Paragraph>
              )}
              <Flex gap={6} wrap>
                {d.charts.map((c) => (
                  <Tag key={c.id}>
                    {text(c.title, c.id)} · {t(`editor.type.${c.type as ChartType}`)}
                  </Tag>
                ))}
              </Flex>
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}
