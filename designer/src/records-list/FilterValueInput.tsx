import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import type { FilterOp, FilterValue } from '@liuyun/client';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { fieldsApi } from '../api/fields.api';
import { useI18n } from '../i18n/useI18n';
import { pickText } from '../i18n/language';
import { RELATIVE_RANGES, needsNoValue, takesList, type FilterField } from './filter-model';

type Value = FilterValue | FilterValue[] | undefined;

interface Props {
  formId: string;
  field: FilterField;
  op: FilterOp;
  value: Value;
  onChange: (value: Value) => void;
  label: string;
}

const asList = (v: Value): FilterValue[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const asText = (v: Value): string | undefined => (typeof v === 'string' ? v : undefined);

/** The options of a choice field or of a choice list's items, with their labels. */
function choiceOptions(field: FilterField, language: 'zh' | 'en') {
  const schema = field.schema;
  if (!schema) return [];
  const items = schema.items && 'enum' in schema.items ? (schema.items.enum ?? []) : [];
  const values = schema.enum ?? items;
  const labels = schema['x-enum-labels'] ?? [];
  return values.map((v, i) => ({
    value: String(v),
    label: pickText(language, labels[i], String(v)),
  }));
}

/** The picker pool of a member or department field, from the field's own route. */
function usePickerOptions(formId: string, field: FilterField, search: string) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (!field.picker || !field.schema) return;
    let live = true;
    const load =
      field.picker === 'member'
        ? fieldsApi
            .users(formId, field.key, search || undefined)
            .then((us) =>
              us.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
            )
        : fieldsApi
            .departments(formId, field.key)
            .then((ds) => ds.map((d) => ({ value: d.id, label: d.name })));
    load.then(
      (next) => live && setOptions(next),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [formId, field, search]);
  return options;
}

/** The value of one filter row, with the widget of the field's kind and the operator. */
export function FilterValueInput({ formId, field, op, value, onChange, label }: Props) {
  const { t, language } = useI18n();
  const [search, setSearch] = useState('');
  const pool = usePickerOptions(formId, field, search);
  const common = { 'aria-label': label, style: { minWidth: 220 } };
  if (needsNoValue(op)) return null;

  if (field.kind === 'date' || field.kind === 'datetime') {
    const withTime = field.kind === 'datetime';
    const fmt = (d: Dayjs) => (withTime ? d.toISOString() : d.format('YYYY-MM-DD'));
    if (op === 'within')
      return (
        <Select<string>
          {...common}
          value={asText(value)}
          placeholder={t('filters.pickRange')}
          onChange={(v) => onChange(v)}
          options={RELATIVE_RANGES.map((r) => ({ value: r, label: t(`filters.range.${r}`) }))}
        />
      );
    if (op === 'between') {
      const [from, to] = asList(value);
      return (
        <DatePicker.RangePicker
          {...common}
          showTime={withTime}
          value={[
            typeof from === 'string' ? dayjs(from) : null,
            typeof to === 'string' ? dayjs(to) : null,
          ]}
          onChange={(range) =>
            onChange(range?.[0] && range[1] ? [fmt(range[0]), fmt(range[1])] : undefined)
          }
        />
      );
    }
    const text = asText(value);
    return (
      <DatePicker
        {...common}
        showTime={withTime}
        value={text ? dayjs(text) : null}
        onChange={(d: Dayjs | null) => onChange(d ? fmt(d) : undefined)}
      />
    );
  }

  if (field.kind === 'number') {
    if (op === 'between') {
      const [from, to] = asList(value);
      const pair = (a: FilterValue | undefined, b: FilterValue | undefined) =>
        onChange(typeof a === 'number' || typeof b === 'number' ? [a ?? '', b ?? ''] : undefined);
      return (
        <Space.Compact>
          <InputNumber<number>
            aria-label={t('filters.from', { field: label })}
            placeholder={t('filters.min')}
            value={typeof from === 'number' ? from : null}
            onChange={(n) => pair(n ?? undefined, to)}
          />
          <InputNumber<number>
            aria-label={t('filters.to', { field: label })}
            placeholder={t('filters.max')}
            value={typeof to === 'number' ? to : null}
            onChange={(n) => pair(from, n ?? undefined)}
          />
        </Space.Compact>
      );
    }
    return (
      <InputNumber<number>
        {...common}
        value={typeof value === 'number' ? value : null}
        onChange={(n) => onChange(n ?? undefined)}
      />
    );
  }

  if (field.kind === 'boolean')
    return (
      <Select<string>
        {...common}
        value={typeof value === 'boolean' ? String(value) : undefined}
        onChange={(v) => onChange(v === 'true')}
        options={[
          { value: 'true', label: t('filters.yes') },
          { value: 'false', label: t('filters.no') },
        ]}
      />
    );

  const multiple = takesList(op) || field.kind === 'multi';
  const listValue = asList(value).map(String);
  const setList = (next: string[]) => onChange(next.length === 0 ? undefined : next);

  if (field.picker) {
    const pickerProps = {
      ...common,
      options: pool,
      placeholder: t(field.picker === 'member' ? 'form.pickMember' : 'form.pickDepartment'),
      showSearch:
        field.picker === 'member'
          ? { filterOption: false, onSearch: setSearch }
          : { optionFilterProp: 'label' as const },
    };
    return multiple ? (
      <Select<string[]> {...pickerProps} mode="multiple" value={listValue} onChange={setList} />
    ) : (
      <Select<string> {...pickerProps} value={asText(value)} onChange={(v) => onChange(v)} />
    );
  }

  const options = choiceOptions(field, language);
  if (options.length > 0)
    return multiple ? (
      <Select<string[]>
        {...common}
        mode="multiple"
        options={options}
        optionFilterProp="label"
        value={listValue}
        onChange={setList}
      />
    ) : (
      <Select<string>
        {...common}
        options={options}
        value={asText(value)}
        onChange={(v) => onChange(v)}
      />
    );

  if (multiple)
    return (
      <Select<string[]>
        {...common}
        mode="tags"
        open={false}
        value={listValue}
        onChange={setList}
        placeholder={t('filters.typeValues')}
      />
    );
  return (
    <Input
      {...common}
      value={asText(value) ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}
