import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldSchema, FormDefinition, JsonValue } from '@liuyun/definitions';
import { Alert, Button, Divider, Flex, Form, Input, InputNumber, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { I18nTextInput } from '../flow-editor/panels/I18nTextInput';
import { JsonEditor } from '../flow-editor/panels/JsonEditor';
import { RuleEditor } from '../rules/RuleEditor';
import { ruleFieldsOf } from '../rules/rule-fields';
import { widgetLabel } from './widget-label';

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface FieldPropertiesProps {
  form: FormDefinition;
  fieldKey: string;
  field: FieldSchema;
  errors: string[];
  onChange: (field: FieldSchema, mergeKey: string) => void;
  onRequired: (required: boolean) => void;
  onRename: (to: string) => void;
}

function without(field: FieldSchema, key: keyof FieldSchema): FieldSchema {
  const next = { ...field };
  delete next[key];
  return next;
}

/** The properties of one field: labels, key, required, limits, options and its rules. */
export function FieldProperties({
  form,
  fieldKey,
  field,
  errors,
  onChange,
  onRequired,
  onRename,
}: FieldPropertiesProps) {
  const { t } = useI18n();
  const [key, setKey] = useState(fieldKey);
  useEffect(() => setKey(fieldKey), [fieldKey]);
  const keyProblem =
    key === fieldKey
      ? null
      : !KEY_PATTERN.test(key)
        ? t('formEditor.keyInvalid')
        : key in form.schema.properties
          ? t('formEditor.keyTaken')
          : null;
  const set = (next: FieldSchema, part: string) => onChange(next, `${fieldKey}:${part}`);
  const setRule = (
    part: 'x-visible' | 'x-required-when' | 'x-computed',
    rule: JsonValue | undefined,
  ) => set(rule === undefined ? without(field, part) : { ...field, [part]: rule }, part);
  const numeric = field.type === 'number' || field.type === 'integer';
  const text = field.type === 'string' && !field.enum && !field.format;
  const others = ruleFieldsOf(form, fieldKey);
  const required = (form.schema.required ?? []).includes(fieldKey);
  const options = field.enum ?? null;
  const labels = field['x-enum-labels'] ?? [];

  return (
    <div className="inspector" data-testid={`field-props-${fieldKey}`}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {widgetLabel(field['x-widget'], t)}
      </Typography.Title>
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('inspector.errors')}
          description={
            <ul className="plain-list">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="field-props-errors"
        />
      )}
      <Form layout="vertical" component="div">
        <I18nTextInput
          id="field-label"
          label={t('formEditor.label')}
          required
          value={field['x-label']}
          onChange={(label) => set({ ...field, 'x-label': label }, 'label')}
        />
        <Form.Item
          label={t('formEditor.key')}
          htmlFor="field-key"
          validateStatus={keyProblem ? 'error' : undefined}
          help={keyProblem ?? t('formEditor.keyHint')}
        >
          <Input
            id="field-key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            onBlur={() => !keyProblem && key !== fieldKey && onRename(key)}
            onPressEnter={() => !keyProblem && key !== fieldKey && onRename(key)}
          />
        </Form.Item>
        <Flex gap={16} wrap style={{ marginBottom: 12 }}>
          <Flex gap={6} align="center">
            <Switch
              aria-label={t('formEditor.required')}
              checked={required}
              onChange={onRequired}
            />
            <span>{t('formEditor.required')}</span>
          </Flex>
          <Flex gap={6} align="center">
            <Switch
              aria-label={t('formEditor.readonly')}
              checked={field['x-readonly'] === true}
              onChange={(on) =>
                set(
                  on ? { ...field, 'x-readonly': true } : without(field, 'x-readonly'),
                  'readonly',
                )
              }
            />
            <span>{t('formEditor.readonly')}</span>
          </Flex>
        </Flex>
        <Form.Item label={t('formEditor.description')} htmlFor="field-description">
          <Input
            id="field-description"
            value={field.description ?? ''}
            onChange={(e) =>
              set(
                e.target.value
                  ? { ...field, description: e.target.value }
                  : without(field, 'description'),
                'description',
              )
            }
          />
        </Form.Item>
        {numeric && (
          <Flex gap={8}>
            <Form.Item label={t('formEditor.minimum')} htmlFor="field-min">
              <InputNumber
                id="field-min"
                value={field.minimum ?? null}
                onChange={(v) =>
                  set(v === null ? without(field, 'minimum') : { ...field, minimum: v }, 'min')
                }
              />
            </Form.Item>
            <Form.Item label={t('formEditor.maximum')} htmlFor="field-max">
              <InputNumber
                id="field-max"
                value={field.maximum ?? null}
                onChange={(v) =>
                  set(v === null ? without(field, 'maximum') : { ...field, maximum: v }, 'max')
                }
              />
            </Form.Item>
          </Flex>
        )}
        {text && (
          <Flex gap={8}>
            <Form.Item label={t('formEditor.minLength')} htmlFor="field-minlen">
              <InputNumber
                id="field-minlen"
                min={0}
                value={field.minLength ?? null}
                onChange={(v) =>
                  set(
                    v === null ? without(field, 'minLength') : { ...field, minLength: v },
                    'minlen',
                  )
                }
              />
            </Form.Item>
            <Form.Item label={t('formEditor.maxLength')} htmlFor="field-maxlen">
              <InputNumber
                id="field-maxlen"
                min={0}
                value={field.maxLength ?? null}
                onChange={(v) =>
                  set(
                    v === null ? without(field, 'maxLength') : { ...field, maxLength: v },
                    'maxlen',
                  )
                }
              />
            </Form.Item>
          </Flex>
        )}
        {options && (
          <div data-testid="field-options" style={{ marginBottom: 12 }}>
            <Typography.Text strong>{t('formEditor.options')}</Typography.Text>
            <Flex vertical gap={6} style={{ marginTop: 6 }}>
              {options.map((value, i) => (
                <Flex key={i} gap={6} align="center">
                  <Input
                    aria-label={t('formEditor.optionValue', { n: i + 1 })}
                    style={{ width: 110 }}
                    value={String(value)}
                    onChange={(e) =>
                      set(
                        { ...field, enum: options.map((o, j) => (j === i ? e.target.value : o)) },
                        `opt${i}`,
                      )
                    }
                  />
                  <Input
                    aria-label={t('formEditor.optionZh', { n: i + 1 })}
                    addonBefore="中"
                    value={labels[i]?.zh ?? ''}
                    onChange={(e) =>
                      set(
                        {
                          ...field,
                          'x-enum-labels': options.map((o, j) =>
                            j === i
                              ? { zh: e.target.value, en: labels[j]?.en ?? '' }
                              : (labels[j] ?? { zh: String(o), en: String(o) }),
                          ),
                        },
                        `optzh${i}`,
                      )
                    }
                  />
                  <Input
                    aria-label={t('formEditor.optionEn', { n: i + 1 })}
                    addonBefore="EN"
                    value={labels[i]?.en ?? ''}
                    onChange={(e) =>
                      set(
                        {
                          ...field,
                          'x-enum-labels': options.map((o, j) =>
                            j === i
                              ? { zh: labels[j]?.zh ?? '', en: e.target.value }
                              : (labels[j] ?? { zh: String(o), en: String(o) }),
                          ),
                        },
                        `opten${i}`,
                      )
                    }
                  />
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('formEditor.optionRemove', { n: i + 1 })}
                    disabled={options.length <= 1}
                    onClick={() =>
                      set(
                        {
                          ...field,
                          enum: options.filter((_, j) => j !== i),
                          'x-enum-labels': labels.filter((_, j) => j !== i),
                        },
                        'opts',
                      )
                    }
                  />
                </Flex>
              ))}
              <Button
                size="small"
                icon={<PlusOutlined />}
                style={{ alignSelf: 'flex-start' }}
                onClick={() => {
                  const n = options.length + 1;
                  set(
                    {
                      ...field,
                      enum: [...options, `option_${n}`],
                      'x-enum-labels': [
                        ...options.map((o, j) => labels[j] ?? { zh: String(o), en: String(o) }),
                        { zh: `选项 ${n}`, en: `Option ${n}` },
                      ],
                    },
                    'opts',
                  );
                }}
              >
                {t('formEditor.optionAdd')}
              </Button>
            </Flex>
          </div>
        )}
        <JsonEditor
          label={t('formEditor.default')}
          hint={t('formEditor.defaultHint')}
          value={field.default}
          onChange={(v) =>
            set(v === undefined ? without(field, 'default') : { ...field, default: v }, 'default')
          }
          testId="field-default"
        />
        <Divider size="small" />
        <RuleEditor
          id="visible"
          label={t('formEditor.visibleWhen')}
          fields={others}
          value={field['x-visible']}
          onChange={(r) => setRule('x-visible', r)}
        />
        <Divider size="small" />
        <RuleEditor
          id="required-when"
          label={t('formEditor.requiredWhen')}
          fields={others}
          value={field['x-required-when']}
          onChange={(r) => setRule('x-required-when', r)}
        />
        <Divider size="small" />
        <JsonEditor
          label={t('formEditor.computed')}
          hint={t('formEditor.computedHint')}
          value={field['x-computed']}
          onChange={(r) => setRule('x-computed', r)}
          testId="field-computed"
        />
      </Form>
    </div>
  );
}
