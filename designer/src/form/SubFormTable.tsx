import { DeleteOutlined } from '@ant-design/icons';
import { Button, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../i18n/useI18n';
import { SubFormCell } from './SubFormCell';
import type { subFormModel } from './subform-model';
import type { RecordDraft } from './useRecordDraft';

export interface SubFormViewProps {
  fieldKey: string;
  model: ReturnType<typeof subFormModel>;
  draft: RecordDraft;
  errors: ReadonlyMap<string, string>;
}

/** Width of the row-number and delete columns. */
const ROW_GUTTER_WIDTH = 52;

interface RowEntry {
  key: number;
  index: number;
}

/** 子表单 on wide screens: one table row per line item, each cell a normal field input. */
export function SubFormTable({ fieldKey, model, draft, errors }: SubFormViewProps) {
  const { t } = useI18n();

  const columns: ColumnsType<RowEntry> = [
    {
      key: '#',
      title: t('form.rowNumber'),
      width: ROW_GUTTER_WIDTH,
      align: 'center',
      render: (_, { index }) => <Typography.Text type="secondary">{index + 1}</Typography.Text>,
    },
    ...model.columns.map((column) => ({
      key: column.key,
      title: (
        <span className={column.required ? 'column-required' : undefined}>{column.label}</span>
      ),
      width: column.minWidth,
      onCell: () => ({ style: { verticalAlign: 'top' as const } }),
      render: (_: unknown, { index }: RowEntry) => (
        <SubFormCell
          fieldKey={fieldKey}
          index={index}
          column={column}
          value={model.valueAt(index, column)}
          draft={draft}
          errors={errors}
        />
      ),
    })),
    {
      key: 'actions',
      title: <span className="sr-only">{t('form.rowActions')}</span>,
      width: ROW_GUTTER_WIDTH,
      align: 'center',
      render: (_, { index }) => (
        <Tooltip title={t('form.deleteRow')}>
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('form.deleteRow')} ${index + 1}`}
            onClick={() => draft.removeRow(fieldKey, index)}
          />
        </Tooltip>
      ),
    },
  ];

  return (
    <Table<RowEntry>
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={Array.from({ length: model.rowCount }, (_, index) => ({ key: index, index }))}
      // Scrolls sideways only when the columns' own widths do not fit.
      scroll={{ x: model.columns.reduce((sum, c) => sum + c.minWidth, 2 * ROW_GUTTER_WIDTH) }}
      locale={{ emptyText: t('form.noRows') }}
    />
  );
}
