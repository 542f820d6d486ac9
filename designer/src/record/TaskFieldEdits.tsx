import type { FormDefinition, JsonObject, JsonValue } from '@liuyun/definitions';
import { Typography } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { fieldId, pointer } from '../form/field-path';
import { fieldLabel } from '../form/field-value';
import { FieldInput } from '../form/FieldInput';
import { FieldItem } from '../form/FieldItem';

export interface TaskFieldEditsProps {
  form: FormDefinition;
  fields: string[];
  required: ReadonlySet<string>;
  values: JsonObject;
  onChange: (key: string, value: JsonValue | undefined) => void;
  errors: ReadonlyMap<string, string>;
}

/** The fields the task's node lets its holder change, edited in place beside the decision. */
export function TaskFieldEdits({
  form,
  fields,
  required,
  values,
  onChange,
  errors,
}: TaskFieldEditsProps) {
  const { t, language } = useI18n();
  return (
    <section className="task-field-edits" data-testid="task-fields" aria-label={t('task.fields')}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('task.fields')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('task.fieldsHint')}</Typography.Paragraph>
      {fields.map((key) => {
        const field = form.schema.properties[key];
        if (!field) return null;
        const id = `task-${fieldId(pointer(key))}`;
        return (
          <FieldItem
            key={key}
            label={fieldLabel(field, key, language)}
            htmlFor={id}
            required={required.has(key)}
            error={errors.get(key)}
            testId={`task-field-${key}`}
          >
            <FieldInput
              field={field}
              id={id}
              value={values[key]}
              onChange={(value) => onChange(key, value)}
              invalid={errors.has(key)}
              required={required.has(key)}
            />
          </FieldItem>
        );
      })}
    </section>
  );
}
