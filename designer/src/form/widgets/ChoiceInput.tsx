import type { JsonValue } from '@liuyun/definitions';
import { Checkbox, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { fieldsApi } from '../../api/fields.api';
import { useI18n } from '../../i18n/useI18n';
import { pickText } from '../../i18n/language';
import { useFieldEnvironment } from '../field-context';
import type { WidgetProps } from './widget.types';

interface Option {
  value: JsonValue;
  label: string;
}

/** Options of a choice field: its enum (or its items' enum), or the values of another form. */
function useOptions(props: WidgetProps): Option[] {
  const { field, fieldPath } = props;
  const { language } = useI18n();
  const { formId } = useFieldEnvironment();
  const [remote, setRemote] = useState<JsonValue[] | null>(null);
  const fromForm = field['x-options-from'] !== undefined;
  useEffect(() => {
    if (!fromForm || formId === null) return;
    let live = true;
    fieldsApi.options(formId, fieldPath).then(
      (values) => live && setRemote(values),
      () => live && setRemote([]),
    );
    return () => {
      live = false;
    };
  }, [fromForm, formId, fieldPath]);
  if (fromForm) return (remote ?? []).map((value) => ({ value, label: String(value) }));
  const values =
    field.enum ?? (field.items && 'enum' in field.items ? (field.items.enum ?? []) : []);
  const labels = field['x-enum-labels'] ?? [];
  return values.map((value, i) => ({ value, label: pickText(language, labels[i], String(value)) }));
}

/** Radio, select, checkbox group and multi-select; values are matched by index (any JSON scalar). */
export function ChoiceInput(props: WidgetProps) {
  const { field, id, value, onChange, invalid, ariaLabel } = props;
  const { t } = useI18n();
  const options = useOptions(props);
  const indexed = options.map((o, i) => ({ value: i, label: o.label }));
  const indexOf = (v: JsonValue | undefined) => options.findIndex((o) => o.value === v);
  const status = invalid ? 'error' : undefined;
  const widget = field['x-widget'];
  if (widget === 'checkbox' || widget === 'multiselect') {
    const selected = (Array.isArray(value) ? value : []).map(indexOf).filter((i) => i >= 0);
    const emit = (indexes: number[]) => {
      const next = indexes.flatMap((i) => (options[i] ? [options[i].value] : []));
      onChange(next.length === 0 ? undefined : next);
    };
    if (widget === 'checkbox') {
      return (
        <div id={id} role="group" aria-label={ariaLabel}>
          <Checkbox.Group value={selected} options={indexed} onChange={(v) => emit(v)} />
        </div>
      );
    }
    return (
      <Select<number[]>
        id={id}
        mode="multiple"
        allowClear
        status={status}
        aria-label={ariaLabel}
        placeholder={t('form.selectPlaceholder')}
        value={selected}
        options={indexed}
        onChange={emit}
        style={{ width: '100%' }}
      />
    );
  }
  const index = indexOf(value);
  if (widget === 'radio') {
    return (
      <Radio.Group
        id={id}
        aria-label={ariaLabel}
        value={index >= 0 ? index : undefined}
        options={indexed}
        onChange={(e) => onChange(options[Number(e.target.value)]?.value)}
      />
    );
  }
  return (
    <Select<number>
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      status={status}
      aria-label={ariaLabel}
      placeholder={t('form.selectPlaceholder')}
      value={index >= 0 ? index : undefined}
      options={indexed}
      onChange={(i) => onChange(i === undefined ? undefined : options[i]?.value)}
      style={{ width: '100%' }}
    />
  );
}
