import type { FormDefinition, JsonObject } from '@liuyun/definitions';
import { Col, Divider, Row, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';
import { pickText } from '../i18n/language';
import { fieldId, pointer } from './field-path';
import { fieldLabel, isDerived } from './field-value';
import { FieldInput } from './FieldInput';
import { FieldItem } from './FieldItem';
import { splitTabs } from './form-layout';
import { SubFormField } from './SubFormField';
import type { RecordDraft } from './useRecordDraft';

export interface FormFieldsProps {
  form: FormDefinition;
  draft: RecordDraft;
  /** First error message per field path, from the live rules or the server. */
  errors: ReadonlyMap<string, string>;
}

const WIDE = new Set([
  'subform',
  'textarea',
  'address',
  'location',
  'attachment',
  'image',
  'signature',
  'description',
  'related_list',
]);

/**
 * The visible fields in layout order. Wide widgets take the full row, short ones half of
 * it; `section` fields are headings, `tab` fields open tabs, descriptions are plain text.
 */
export function FormFields({ form, draft, errors }: FormFieldsProps) {
  const { language, t } = useI18n();
  const { outcome, input, setValue } = draft;

  const copyInto = (values: JsonObject) => {
    for (const [key, value] of Object.entries(values)) setValue(pointer(key), value ?? undefined);
  };

  const renderField = (key: string): ReactNode => {
    const field = form.schema.properties[key];
    const path = pointer(key);
    if (!field || !outcome.isVisible(path)) return null;
    const label = fieldLabel(field, key, language);
    const widget = field['x-widget'];
    if (widget === 'section') {
      return (
        <Col key={key} span={24}>
          <Divider titlePlacement="start" data-testid={`field-${key}`}>
            {label}
          </Divider>
        </Col>
      );
    }
    if (widget === 'description') {
      return (
        <Col key={key} span={24}>
          <Typography.Paragraph
            type="secondary"
            className="field-description"
            data-testid={`field-${key}`}
          >
            {pickText(language, field['x-content'], '')}
          </Typography.Paragraph>
        </Col>
      );
    }
    const required = outcome.isRequired(path);
    const wide = WIDE.has(widget);
    return (
      <Col key={key} xs={24} md={wide ? 24 : 12}>
        {widget === 'subform' ? (
          <FieldItem
            label={label}
            required={required}
            error={errors.get(path)}
            testId={`field-${key}`}
          >
            <SubFormField fieldKey={key} field={field} draft={draft} errors={errors} />
          </FieldItem>
        ) : widget === 'related_list' ? (
          <FieldItem label={label} required={false} testId={`field-${key}`}>
            <Typography.Text type="secondary">{t('form.relatedAfterSave')}</Typography.Text>
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
              fieldPath={key}
              value={
                isDerived(field) ? (outcome.data[key] ?? input[key] ?? field.default) : input[key]
              }
              onChange={(value) => setValue(path, value)}
              onCopy={copyInto}
              invalid={errors.has(path)}
              required={required}
            />
          </FieldItem>
        )}
      </Col>
    );
  };

  const { head, tabs } = splitTabs(form);
  return (
    <>
      <Row gutter={24}>{head.map(renderField)}</Row>
      {tabs.length > 0 && (
        <Tabs
          items={tabs
            .filter((tab) => outcome.isVisible(pointer(tab.key)))
            .map((tab) => ({
              key: tab.key,
              label: fieldLabel(tab.field, tab.key, language),
              // Every tab stays mounted: a hidden tab's fields still take part in the rules.
              forceRender: true,
              children: <Row gutter={24}>{tab.keys.map(renderField)}</Row>,
            }))}
        />
      )}
    </>
  );
}
