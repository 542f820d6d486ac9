import { DeleteOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Select, Space, Typography } from 'antd';
import type { FilterCondition, FilterOp } from '@liuyun/client';
import type { FormDefinition } from '@liuyun/definitions';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { FilterValueInput } from './FilterValueInput';
import {
  filterFields,
  needsNoValue,
  operatorsFor,
  sentConditions,
  type FilterField,
  type ListFilter,
} from './filter-model';

interface Props {
  formId: string;
  form: FormDefinition;
  value: ListFilter;
  onApply: (filter: ListFilter) => void;
}

/** The filter button: how many conditions apply; opens and closes the panel. */
export function FilterButton({
  value,
  open,
  onToggle,
}: {
  value: ListFilter;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useI18n();
  const count = sentConditions(value.conditions).length;
  return (
    <Button
      icon={<FilterOutlined />}
      type={count > 0 ? 'primary' : 'default'}
      aria-expanded={open}
      onClick={onToggle}
      data-testid="filter-button"
    >
      {count > 0 ? t('filters.buttonCount', { count }) : t('filters.button')}
    </Button>
  );
}

/** The rows being edited; applied to the list (and the address bar) on Apply. */
export function FilterPanel({ formId, form, value, onApply }: Props) {
  const { t, text } = useI18n();
  const fields = useMemo(() => filterFields(form), [form]);
  const [draft, setDraft] = useState<ListFilter>(value);
  const fieldOf = (key: string): FilterField | undefined => fields.find((f) => f.key === key);
  const labelOf = (f: FilterField) =>
    f.schema
      ? text(f.schema['x-label'], f.key)
      : t(`filters.system.${f.key}` as 'filters.system.createdAt');

  const setRow = (index: number, row: FilterCondition) =>
    setDraft((d) => ({ ...d, conditions: d.conditions.map((c, i) => (i === index ? row : c)) }));
  const addRow = () => {
    const first = fields[0];
    if (!first) return;
    setDraft((d) => ({
      ...d,
      conditions: [...d.conditions, { field: first.key, op: operatorsFor(first)[0] ?? 'empty' }],
    }));
  };

  return (
    <Card
      size="small"
      title={t('filters.title')}
      style={{ width: '100%' }}
      data-testid="filter-panel"
      extra={
        <Space>
          <Typography.Text type="secondary">{t('filters.match')}</Typography.Text>
          <Segmented<'all' | 'any'>
            value={draft.match}
            onChange={(match) => setDraft((d) => ({ ...d, match }))}
            options={[
              { value: 'all', label: t('filters.match.all') },
              { value: 'any', label: t('filters.match.any') },
            ]}
            data-testid="filter-match"
          />
        </Space>
      }
    >
      <Flex vertical gap={8}>
        {draft.conditions.length === 0 && (
          <Typography.Text type="secondary">{t('filters.none')}</Typography.Text>
        )}
        {draft.conditions.map((row, index) => {
          const n = index + 1;
          const field = fieldOf(row.field);
          const ops = field ? operatorsFor(field) : [];
          return (
            <Space key={index} wrap data-testid={`filter-row-${n}`}>
              <Select<string>
                aria-label={t('filters.field', { n })}
                style={{ minWidth: 180 }}
                showSearch={{ optionFilterProp: 'label' }}
                value={row.field}
                options={fields.map((f) => ({ value: f.key, label: labelOf(f) }))}
                onChange={(key) => {
                  const next = fieldOf(key);
                  if (next) setRow(index, { field: key, op: operatorsFor(next)[0] ?? 'empty' });
                }}
              />
              <Select<FilterOp>
                aria-label={t('filters.operator', { n })}
                style={{ minWidth: 150 }}
                value={row.op}
                options={ops.map((op) => ({ value: op, label: t(`filters.op.${op}`) }))}
                onChange={(op) =>
                  setRow(index, {
                    field: row.field,
                    op,
                    ...(needsNoValue(op) || op === 'between' || op === 'within'
                      ? {}
                      : row.value !== undefined &&
                          Array.isArray(row.value) === (op === 'in' || op === 'not_in')
                        ? { value: row.value }
                        : {}),
                  })
                }
              />
              {field && (
                <FilterValueInput
                  formId={formId}
                  field={field}
                  op={row.op}
                  value={row.value}
                  label={t('filters.value', { n })}
                  onChange={(v) =>
                    setRow(index, {
                      field: row.field,
                      op: row.op,
                      ...(v === undefined ? {} : { value: v }),
                    })
                  }
                />
              )}
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('filters.remove', { n })}
                onClick={() =>
                  setDraft((d) => ({
                    ...d,
                    conditions: d.conditions.filter((_, i) => i !== index),
                  }))
                }
              />
            </Space>
          );
        })}
        <Flex justify="space-between" wrap gap={8}>
          <Button icon={<PlusOutlined />} onClick={addRow} data-testid="filter-add">
            {t('filters.add')}
          </Button>
          <Space>
            <Button
              onClick={() => onApply({ match: 'all', conditions: [] })}
              data-testid="filter-clear"
            >
              {t('filters.clear')}
            </Button>
            <Button
              type="primary"
              onClick={() =>
                onApply({ match: draft.match, conditions: sentConditions(draft.conditions) })
              }
              data-testid="filter-apply"
            >
              {t('filters.apply')}
            </Button>
          </Space>
        </Flex>
      </Flex>
    </Card>
  );
}
