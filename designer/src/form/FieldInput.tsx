import type { FieldSchema, JsonValue } from '@liuyun/definitions';
import { Input, InputNumber, Radio, Select } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { displayValue, enumOptions, isDerived } from './field-value';

export interface FieldInputProps {
  field: FieldSchema;
  id: string;
  value: JsonValue | undefined;
  /** `undefined` removes the value (an empty input is "not filled", never `""`). */
  onChange: (value: JsonValue | undefined) => void;
  invalid?: boolean;
  /** Marks the input required for assistive technology (the visible mark is on the label). */
  required?: boolean;
  /** Set when there is no visible `<label>` (sub-form cells). */
  ariaLabel?: string;
}

function numberSettings(field: FieldSchema) {
  switch (field['x-widget']) {
    case 'money':
      return { precision: 2, suffix: undefined };
    case 'percent':
      return { precision: undefined, suffix: '%' };
    default:
      return { precision: field.type === 'integer' ? 0 : undefined, suffix: undefined };
  }
}

/** The input for one field, chosen by its `x-widget`. Sub-forms are rendered by `SubFormTable`. */
export function FieldInput(props: FieldInputProps) {
  const { field, id, value, onChange, invalid, required, ariaLabel } = props;
  const { language, formatNumber, t } = useI18n();
  const status = invalid ? 'error' : undefined;
  const common = {
    id,
    status,
    'aria-label': ariaLabel,
    'aria-invalid': invalid || undefined,
    'aria-required': required || undefined,
  } as const;

  if (isDerived(field)) {
    // Computed values read as results (filled); process-owned fields read as locked (disabled).
    const computed = field['x-computed'] !== undefined;
    return (
      <Input
        {...common}
        readOnly
        disabled={!computed}
        variant="filled"
        value={displayValue(field, value, { language, formatNumber })}
        title={computed ? t('form.computed') : undefined}
        placeholder={computed ? undefined : t('form.setByProcess')}
        className={computed ? 'computed-input' : undefined}
      />
    );
  }

  const text = typeof value === 'string' ? value : '';
  const setText = (next: string) => onChange(next === '' ? undefined : next);

  switch (field['x-widget']) {
    case 'textarea':
      return (
        <Input.TextArea
          {...common}
          value={text}
          maxLength={field.maxLength}
          autoSize={{ minRows: 2, maxRows: 8 }}
          onChange={(e) => setText(e.target.value)}
        />
      );
    case 'number':
    case 'money':
    case 'percent': {
      const { precision, suffix } = numberSettings(field);
      return (
        <InputNumber<number>
          {...common}
          value={typeof value === 'number' ? value : null}
          min={field.minimum}
          max={field.maximum}
          precision={precision}
          suffix={suffix}
          inputMode="decimal"
          style={{ width: '100%' }}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      );
    }
    case 'date':
    case 'datetime':
      return (
        <Input
          {...common}
          type={field['x-widget'] === 'date' ? 'date' : 'datetime-local'}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      );
    case 'select': {
      const options = enumOptions(field, language);
      const index = options.findIndex((o) => o.value === value);
      return (
        <Select<number>
          {...common}
          allowClear
          placeholder={t('form.selectPlaceholder')}
          value={index >= 0 ? index : undefined}
          options={options.map((o, i) => ({ value: i, label: o.label }))}
          onChange={(i) => onChange(i === undefined ? undefined : options[i]?.value)}
          style={{ width: '100%' }}
        />
      );
    }
    case 'radio': {
      const options = enumOptions(field, language);
      const index = options.findIndex((o) => o.value === value);
      return (
        <Radio.Group
          id={id}
          aria-label={ariaLabel}
          value={index >= 0 ? index : undefined}
          options={options.map((o, i) => ({ value: i, label: o.label }))}
          onChange={(e) => onChange(options[Number(e.target.value)]?.value)}
        />
      );
    }
    default:
      return (
        <Input
          {...common}
          value={text}
          maxLength={field.maxLength}
          onChange={(e) => setText(e.target.value)}
        />
      );
  }
}
