import type { FormDefinition } from '@liuyun/definitions';
import { Col, Row } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { fieldId, pointer } from './field-path';
import { fieldLabel, isDerived } from './field-value';
import { FieldInput } from './FieldInput';
import { FieldItem } from './FieldItem';
import { SubFormField } from './SubFormField';
import type { RecordDraft } from './useRecordDraft';

export interface FormFieldsProps {
  form: FormDefinition;
  draft: RecordDraft;
  /** First error message per field path, from the live rules or the server. */
  errors: ReadonlyMap<string, string>;
}

/** The visible fields in layout order. Wide widgets take the full row, short ones half of it. */
export function FormFields({ form, draft, errors }: FormFieldsProps) {
  const { language } = useI18n();
  const { outcome, input, setValue } = draft;

  return (
    <Row gutter={24}>
      {form.layout.map((key) => {
        const field = form.schema.properties[key];
        const path = pointer(key);
        if (!field || !outcome.isVisible(path)) return null;
        const wide = field['x-widget'] === 'subform' || field['x-widget'] === 'textarea';
        const label = fieldLabel(field, key, language);
        const required = outcome.isRequired(path);
        return (
          <Col key={key} xs={24} md={wide ? 24 : 12}>
            {field['x-widget'] === 'subform' ? (
              <FieldItem
                label={label}
                required={required}
                error={errors.get(path)}
                testId={`field-${key}`}
              >
                <SubFormField fieldKey={key} field={field} draft={draft} errors={errors} />
              </FieldItem>
            ) : (
              <FieldItem
                label={label}
                htmlFor={fieldId(path)}
                required={required}
                error={errors.get(path)}
                testId={`field-${key}`}
              >
                <FieldInput
                  field={field}
                  id={fieldId(path)}
                  value={isDerived(field) ? (outcome.data[key] ?? field.default) : input[key]}
                  onChange={(value) => setValue(path, value)}
                  invalid={errors.has(path)}
                  required={required}
                />
              </FieldItem>
            )}
          </Col>
        );
      })}
    </Row>
  );
}
