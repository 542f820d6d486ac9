import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { fieldsApi } from '../../api/fields.api';
import { useI18n } from '../../i18n/useI18n';
import { useFieldEnvironment } from '../field-context';
import type { WidgetProps } from './widget.types';

/** Member (成员) and department (部门) pickers: one id, or several; the pool comes from the engine. */
export function PickerInput(props: WidgetProps) {
  const { field, fieldPath, id, value, onChange, invalid, ariaLabel } = props;
  const { t } = useI18n();
  const { formId } = useFieldEnvironment();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [search, setSearch] = useState('');
  const isMember = field['x-widget'] === 'member';
  const multiple = field.type === 'array';
  useEffect(() => {
    if (formId === null) return;
    let live = true;
    const load = isMember
      ? fieldsApi
          .users(formId, fieldPath, search || undefined)
          .then((users) =>
            users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
          )
      : fieldsApi
          .departments(formId, fieldPath)
          .then((ds) => ds.map((d) => ({ value: d.id, label: d.name })));
    load.then(
      (next) => live && setOptions(next),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [formId, fieldPath, isMember, search]);
  const common = {
    id,
    allowClear: true,
    status: invalid ? ('error' as const) : undefined,
    'aria-label': ariaLabel,
    placeholder: t(isMember ? 'form.pickMember' : 'form.pickDepartment'),
    options,
    showSearch: isMember
      ? { filterOption: false, onSearch: setSearch }
      : { optionFilterProp: 'label' as const },
    style: { width: '100%' },
  };
  if (multiple) {
    const selected = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : [];
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        value={selected}
        onChange={(next) => onChange(next.length === 0 ? undefined : next)}
      />
    );
  }
  return (
    <Select<string>
      {...common}
      value={typeof value === 'string' ? value : undefined}
      onChange={(next) => onChange(next ?? undefined)}
    />
  );
}
