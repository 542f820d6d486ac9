import { Table, type TableProps } from 'antd';
import type { FormRecord, PublishedForm } from '@liuyun/client';
import { Link } from 'react-router-dom';
import { useDirectoryLabels } from '../form/directory-labels';
import { useI18n } from '../i18n/useI18n';
import { cellText, isSortable, listableFields } from './record-columns';

export interface TableState {
  sort: string;
  /** Per choice field: the values kept (an `in` filter). */
  choices: Record<string, string[]>;
}

interface Props {
  published: PublishedForm;
  items: FormRecord[];
  loading: boolean;
  columns: string[];
  state: TableState;
  onChange: (state: TableState) => void;
}

/** The table view: one column per chosen field, sorted and filtered on the server. */
export function RecordTable({ published, items, loading, columns, state, onChange }: Props) {
  const { t, text, language, formatNumber, formatDateTime } = useI18n();
  const [sortField, sortDir] = state.sort.split(':');
  const fields = listableFields(published.definition).filter(([key]) => columns.includes(key));
  const labels = useDirectoryLabels(
    published.definition,
    items.map((r) => r.data),
  );
  const tools = { language, formatNumber: (n: number) => formatNumber(n), labels };
  const tableColumns: TableProps<FormRecord>['columns'] = [
    ...fields.map(([key, field], index) => ({
      key,
      dataIndex: ['data', key],
      title: text(field['x-label'], key),
      sorter: isSortable(field),
      sortOrder:
        sortField === key
          ? sortDir === 'desc'
            ? ('descend' as const)
            : ('ascend' as const)
          : null,
      filters: field.enum?.map((v, i) => ({
        text: field['x-enum-labels']?.[i]?.[language] ?? String(v),
        value: String(v),
      })),
      filteredValue: state.choices[key] ?? null,
      render: (_: unknown, r: FormRecord) => {
        const label = cellText(field, r.data[key], tools);
        return index === 0 ? (
          <Link to={`/records/${encodeURIComponent(r.id)}`}>{label}</Link>
        ) : (
          label
        );
      },
    })),
    {
      key: 'createdBy',
      title: t('records.submittedBy'),
      render: (_: unknown, r: FormRecord) => r.createdBy.displayName || r.createdBy.username,
    },
    {
      key: 'createdAt',
      title: t('records.submittedAt'),
      sorter: true,
      sortOrder: sortField === 'createdAt' ? (sortDir === 'desc' ? 'descend' : 'ascend') : null,
      render: (_: unknown, r: FormRecord) => formatDateTime(r.createdAt),
    },
  ];
  return (
    <Table<FormRecord>
      rowKey="id"
      size="middle"
      data-testid="record-table"
      loading={loading}
      dataSource={items}
      columns={tableColumns}
      pagination={false}
      scroll={{ x: true }}
      locale={{ emptyText: t('records.empty') }}
      onChange={(_p, filters, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        const key = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
        const sort =
          key && s?.order ? `${key}:${s.order === 'descend' ? 'desc' : 'asc'}` : 'createdAt:desc';
        const choices: Record<string, string[]> = {};
        for (const [k, v] of Object.entries(filters))
          if (v && v.length > 0) choices[k] = v.map(String);
        onChange({ sort, choices });
      }}
    />
  );
}
