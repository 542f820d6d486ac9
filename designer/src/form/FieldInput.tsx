import type { FieldSchema, JsonObject, JsonValue } from '@liuyun/definitions';
import { DatePicker, Input, InputNumber } from 'antd';
import dayjs from 'dayjs';
import { AddressInput } from './widgets/AddressInput';
import { ChoiceInput } from './widgets/ChoiceInput';
import { FilesInput } from './widgets/FilesInput';
import { LinkedRecordInput } from './widgets/LinkedRecordInput';
import { LocationInput } from './widgets/LocationInput';
import { PickerInput } from './widgets/PickerInput';
import { SignaturePad } from './widgets/SignaturePad';
import { useI18n } from '../i18n/useI18n';
import { displayValue, isDerived } from './field-value';

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
  /** The field key, or `subForm.key` in rows (lookups and uploads name it). */
  fieldPath?: string;
  /** A linked record was picked: fill the fields it copies. */
  onCopy?: (values: JsonObject) => void;
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
  const fieldPath = props.fieldPath ?? id;
  const widgetProps = { field, fieldPath, id, value, onChange, invalid, ariaLabel };
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
    const computed = field['x-computed'] !== undefined || field['x-linkage'] !== undefined;
    return (
      <Input
        {...common}
        readOnly
        disabled={!computed}
        variant="filled"
        value={displayValue(field, value, { language, formatNumber })}
        title={computed ? t('form.computed') : undefined}
        placeholder={
          computed
            ? undefined
            : field['x-widget'] === 'serial'
              ? t('form.serialOnSubmit')
              : field['x-linkage'] !== undefined
                ? t('form.filledByLinkage')
                : t('form.setByProcess')
        }
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
    case 'datetime': {
      const withTime = field['x-widget'] === 'datetime';
      const parsed = text === '' ? null : dayjs(text);
      return (
        <DatePicker
          id={id}
          status={status}
          aria-label={ariaLabel}
          showTime={withTime ? { format: 'HH:mm' } : false}
          format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
          value={parsed?.isValid() ? parsed : null}
          onChange={(next) =>
            onChange(next ? (withTime ? next.toISOString() : next.format('YYYY-MM-DD')) : undefined)
          }
          style={{ width: '100%' }}
        />
      );
    }
    case 'select':
    case 'radio':
    case 'checkbox':
    case 'multiselect':
      return <ChoiceInput {...widgetProps} />;
    case 'member':
    case 'department':
      return <PickerInput {...widgetProps} />;
    case 'linked_record':
      return <LinkedRecordInput {...widgetProps} onCopy={props.onCopy ?? (() => undefined)} />;
    case 'address':
      return <AddressInput {...widgetProps} />;
    case 'location':
      return <LocationInput {...widgetProps} />;
    case 'attachment':
    case 'image':
      return <FilesInput {...widgetProps} />;
    case 'signature':
      return <SignaturePad {...widgetProps} />;
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
