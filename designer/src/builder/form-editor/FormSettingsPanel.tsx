import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormDefinition, SubmitCheck } from '@liuyun/definitions';
import { Button, Card, Flex, Form, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/useI18n';
import { I18nTextInput } from '../flow-editor/panels/I18nTextInput';
import { RuleEditor } from '../rules/RuleEditor';
import { ruleFieldsOf } from '../rules/rule-fields';

export interface FormSettingsPanelProps {
  form: FormDefinition;
  onChange: (form: FormDefinition, mergeKey: string) => void;
  errors: string[];
}

/** With no field selected: the form's name and its submit checks (提交校验). */
export function FormSettingsPanel({ form, onChange, errors }: FormSettingsPanelProps) {
  const { t, text } = useI18n();
  const checks = form.checks ?? [];
  const fields = ruleFieldsOf(form);
  const setChecks = (next: SubmitCheck[], key: string) => {
    const copy = { ...form };
    if (next.length > 0) copy.checks = next;
    else delete copy.checks;
    onChange(copy, key);
  };
  const freshId = () => {
    for (let n = 1; ; n += 1) if (!checks.some((c) => c.id === `check_${n}`)) return `check_${n}`;
  };

  return (
    <div className="inspector" data-testid="form-settings">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('formEditor.settings')}
      </Typography.Title>
      {errors.length > 0 && (
        <ul className="plain-list form-errors" data-testid="form-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <Form layout="vertical" component="div">
        <I18nTextInput
          id="form-name"
          label={t('formEditor.formName')}
          required
          value={form.name}
          onChange={(name) => onChange({ ...form, name }, 'form:name')}
        />
      </Form>
      <Typography.Text strong>{t('formEditor.checks')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('formEditor.checksHint')}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {checks.map((check, i) => (
          <Card key={check.id} size="small" data-testid={`check-${check.id}`}>
            <RuleEditor
              id={`check-${check.id}`}
              label={t('formEditor.checkRule')}
              fields={fields}
              value={check.rule}
              onChange={(rule) =>
                setChecks(
                  checks.map((c, j) => (j === i ? { ...c, rule: rule ?? true } : c)),
                  `check:${check.id}:rule`,
                )
              }
            />
            <Form layout="vertical" component="div" style={{ marginTop: 8 }}>
              <I18nTextInput
                id={`check-${check.id}-message`}
                label={t('formEditor.checkMessage')}
                value={check.message}
                onChange={(message) =>
                  setChecks(
                    checks.map((c, j) => (j === i ? { ...c, message } : c)),
                    `check:${check.id}:message`,
                  )
                }
              />
              <Form.Item label={t('formEditor.checkField')} htmlFor={`check-${check.id}-field`}>
                <Select
                  id={`check-${check.id}-field`}
                  allowClear
                  value={check.field}
                  options={form.layout.map((k) => ({
                    value: k,
                    label: text(form.schema.properties[k]?.['x-label'], k),
                  }))}
                  onChange={(field?: string) =>
                    setChecks(
                      checks.map((c, j) => {
                        if (j !== i) return c;
                        const next = { ...c };
                        if (field) next.field = field;
                        else delete next.field;
                        return next;
                      }),
                      `check:${check.id}:field`,
                    )
                  }
                />
              </Form.Item>
            </Form>
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() =>
                setChecks(
                  checks.filter((_, j) => j !== i),
                  'checks',
                )
              }
            >
              {t('formEditor.checkRemove')}
            </Button>
          </Card>
        ))}
        <Button
          icon={<PlusOutlined />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            setChecks(
              [
                ...checks,
                {
                  id: freshId(),
                  rule: true,
                  message: { zh: '请检查填写内容', en: 'Please check your entries' },
                },
              ],
              'checks',
            )
          }
        >
          {t('formEditor.checkAdd')}
        </Button>
      </Flex>
    </div>
  );
}
