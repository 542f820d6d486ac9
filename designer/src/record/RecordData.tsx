import {
  subFormRowsOf,
  type FieldSchema,
  type FormDefinition,
  type JsonObject,
  type JsonValue,
} from '@liuyun/definitions';
import { Col, Divider, Row, Table, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useDirectoryLabels } from '../form/directory-labels';
import { displayValue, fieldLabel, type FormatTools } from '../form/field-value';
import { splitTabs } from '../form/form-layout';
import { useI18n } from '../i18n/useI18n';
import { filesOf, RecordFiles, SignatureImage } from './RecordFiles';
import { RelatedRecords } from './RelatedRecords';

function rowsOf(value: JsonValue | undefined): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (row): row is JsonObject => typeof row === 'object' && row !== null && !Array.isArray(row),
  );
}

function SubFormView({
  field,
  value,
  tools,
}: {
  field: FieldSchema;
  value: JsonValue | undefined;
  tools: FormatTools;
}) {
  const { language } = useI18n();
  const columns: ColumnsType<JsonObject> = Object.entries(
    subFormRowsOf(field)?.properties ?? {},
  ).map(([key, column]) => ({
    key,
    title: fieldLabel(column, key, language),
    align:
      typeof column.type === 'string' && ['number', 'integer'].includes(column.type)
        ? 'right'
        : 'left',
    render: (_: unknown, row: JsonObject) => displayValue(column, row[key], tools),
  }));
  const rows = rowsOf(value);
  return (
    <Table<JsonObject>
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      rowKey={(row) => String(rows.indexOf(row))}
      scroll={{ x: 'max-content' }}
    />
  );
}

interface RecordDataProps {
  form: FormDefinition;
  data: JsonObject;
  /** With a record id, related lists load their rows (a preview without one shows none). */
  recordId?: string;
  appKey?: string;
}

const WIDE = new Set([
  'subform',
  'textarea',
  'address',
  'location',
  'attachment',
  'image',
  'signature',
]);

/**
 * The stored values, read-only, in the form's layout: sections as headings, tabs as tabs,
 * related lists with the records linked to this one, files downloadable, images and the
 * signature shown; wide fields take a full row.
 */
export function RecordData({ form, data, recordId, appKey }: RecordDataProps) {
  const { t, language, formatNumber } = useI18n();
  const { head, tabs } = splitTabs(form);
  const labels = useDirectoryLabels(form, [data]);
  const tools: FormatTools = { language, formatNumber, labels };

  const renderField = (key: string): ReactNode => {
    const field = form.schema.properties[key];
    if (!field) return null;
    const widget = field['x-widget'];
    const label = fieldLabel(field, key, language);
    if (widget === 'section')
      return (
        <Col key={key} span={24}>
          <Divider titlePlacement="start" data-testid={`record-section-${key}`}>
            {label}
          </Divider>
        </Col>
      );
    if (widget === 'related_list')
      return recordId && appKey ? (
        <Col key={key} span={24}>
          <div className="data-label">{label}</div>
          <RelatedRecords recordId={recordId} appKey={appKey} fieldKey={key} field={field} />
        </Col>
      ) : null;
    // Hidden fields are never stored: leave out what the record does not hold.
    if (!(key in data)) return null;
    const value = data[key];
    let shown: ReactNode;
    if (widget === 'subform') shown = <SubFormView field={field} value={value} tools={tools} />;
    else if (widget === 'attachment' || widget === 'image')
      shown = <RecordFiles files={filesOf(value)} images={widget === 'image'} />;
    else if (widget === 'signature' && filesOf(value)[0])
      shown = <SignatureImage file={filesOf(value)[0]!} />;
    else
      shown = (
        <Typography.Text data-testid={`value-${key}`} className="value-text">
          {displayValue(field, value, tools) || t('common.none')}
        </Typography.Text>
      );
    return (
      <Col key={key} xs={24} md={WIDE.has(widget) ? 24 : 12} data-testid={`record-field-${key}`}>
        <div className="data-label">{label}</div>
        {shown}
      </Col>
    );
  };

  return (
    <div className="record-data">
      <Row gutter={[24, 18]}>{head.map(renderField)}</Row>
      {tabs.length > 0 && (
        <Tabs
          style={{ marginTop: 16 }}
          data-testid="record-tabs"
          items={tabs.map((tab) => ({
            key: tab.key,
            label: fieldLabel(tab.field, tab.key, language),
            // Every tab stays mounted, as in the form: its values are on the page (searchable).
            forceRender: true,
            children: <Row gutter={[24, 18]}>{tab.keys.map(renderField)}</Row>,
          }))}
        />
      )}
    </div>
  );
}
