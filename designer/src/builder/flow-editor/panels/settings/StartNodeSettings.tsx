import type { JsonLogicRule, StartSettings } from '@liuyun/definitions';
import { Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { useI18n } from '../../../../i18n/useI18n';
import { RuleEditor } from '../../../rules/RuleEditor';
import { ruleFieldsOf } from '../../../rules/rule-fields';
import { withOptional } from './optional-setting';
import { fieldOptionsOf, type NodeSettingsProps } from './settings-props';

const TRIGGERS = ['form_submit', 'manual', 'record_change', 'schedule'] as const;

/** The start node: what starts the flow (a submit, a button, a change, a schedule). */
export function StartNodeSettings({ node, form, set }: NodeSettingsProps<'start'>) {
  const { t } = useI18n();
  const s = node.settings;
  const fieldOptions = fieldOptionsOf(form);
  return (
    <>
      <Form.Item label={t('inspector.trigger')} htmlFor="start-trigger">
        <Select
          id="start-trigger"
          value={s.trigger}
          options={TRIGGERS.map((v) => ({ value: v, label: t(`inspector.trigger.${v}`) }))}
          onChange={(trigger: StartSettings['trigger']) =>
            set({ trigger } as StartSettings, 'trigger')
          }
        />
      </Form.Item>
      {s.trigger === 'record_change' && (
        <>
          <Form.Item label={t('inspector.watchFields')} htmlFor="watch-fields">
            <Select
              id="watch-fields"
              mode="multiple"
              value={s.watchFields ?? []}
              options={fieldOptions}
              onChange={(watchFields: string[]) =>
                set(withOptional(s, 'watchFields', watchFields), 'watch')
              }
            />
          </Form.Item>
          <RuleEditor
            id="start-condition"
            label={t('inspector.startCondition')}
            fields={ruleFieldsOf(form)}
            value={s.condition}
            onChange={(condition: JsonLogicRule | undefined) =>
              set(withOptional(s, 'condition', condition), 'condition')
            }
          />
          <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
            <Switch
              aria-label={t('inspector.onCreate')}
              checked={s.onCreate === true}
              onChange={(onCreate) =>
                set(withOptional(s, 'onCreate', onCreate ? true : undefined), 'onCreate')
              }
            />
            <Typography.Text>{t('inspector.onCreate')}</Typography.Text>
          </Flex>
        </>
      )}
      {s.trigger === 'schedule' && (
        <>
          <Form.Item label={t('inspector.cron')} htmlFor="start-cron">
            <Input
              id="start-cron"
              placeholder="0 9 * * 1"
              value={s.cron ?? ''}
              onChange={(e) => set(withOptional(s, 'cron', e.target.value), 'cron')}
            />
          </Form.Item>
          <Form.Item label={t('inspector.dateField')} htmlFor="start-date-field">
            <Select
              id="start-date-field"
              allowClear
              value={s.dateField}
              options={fieldOptions}
              onChange={(dateField?: string) =>
                set(withOptional(s, 'dateField', dateField), 'dateField')
              }
            />
          </Form.Item>
        </>
      )}
    </>
  );
}
