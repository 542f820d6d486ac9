import {
  subFormRowsOf,
  type FieldSchema,
  type FormDefinition,
  type JsonObject,
  type JsonValue,
} from '@liuyun/definitions';
import { Col, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { displayValue, fieldLabel } from '../form/field-value';
import { useI18n } from '../i18n/useI18n';

function rowsOf(value: JsonValue | undefined): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (row): row is JsonObject => typeof row === 'object' && row !== null && !Array.isArray(row),
  );
}

function SubFormView({ field, value }: { field: FieldSchema; value: JsonValue | undefined }) {
  const { language, formatNumber } = useI18n();
  const tools = { language, formatNumber };
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

/** The stored values, read-only, in the form's layout order; wide fields take a full row. */
export function RecordData({ form, data }: { form: FormDefinition; data: JsonObject }) {
  const { t, language, formatNumber } = useI18n();
  return (
    <Row gutter={[24, 18]} className="record-data">
      {form.layout.map((key) => {
        const field = form.schema.properties[key];
        // Hidden fields are never stored: leave out what the record does not hold.
        if (!field || !(key in data)) return null;
        const value = data[key];
        const subForm = field['x-widget'] === 'subform';
        const wide = subForm || field['x-widget'] === 'textarea';
        return (
          <Col key={key} xs={24} md={wide ? 24 : 12}>
            <div className="data-label">{fieldLabel(field, key, language)}</div>
            {subForm ? (
              <SubFormView field={field} value={value} />
            ) : (
              <Typography.Text data-testid={`value-${key}`} className="value-text">
                {displayValue(field, value, { language, formatNumber }) || t('common.none')}
              </Typography.Text>
            )}
          </Col>
        );
      })}
    </Row>
  );
}
