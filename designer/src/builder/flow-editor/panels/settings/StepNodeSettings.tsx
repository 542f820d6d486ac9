import type { FormDefinition } from '@liuyun/definitions';
import { Flex, Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import { useI18n } from '../../../../i18n/useI18n';
import { JsonEditor } from '../JsonEditor';
import { asObject, withOptional } from './optional-setting';
import { fieldOptionsOf, type NodeSettingsProps } from './settings-props';
import { WriteRecordSettings } from './WriteRecordSettings';

const fieldKeysOf = (form: FormDefinition) => Object.keys(form.schema.properties).join(', ');

/** The end node: approved or rejected. */
export function EndNodeSettings({ node, set }: NodeSettingsProps<'end'>) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('inspector.outcome')}>
      <Radio.Group
        value={node.settings.outcome}
        onChange={(e) => set({ outcome: e.target.value as 'approved' | 'rejected' }, 'outcome')}
        options={[
          { value: 'approved', label: t('flow.end.approved') },
          { value: 'rejected', label: t('flow.end.rejected') },
        ]}
      />
    </Form.Item>
  );
}

/** Update this record: field → rule. */
export function UpdateRecordNodeSettings(props: NodeSettingsProps<'update_record'>) {
  const { t } = useI18n();
  return (
    <JsonEditor
      label={t('inspector.set')}
      hint={t('inspector.setHint', { fields: fieldKeysOf(props.form) })}
      testId="update-set"
      value={props.node.settings.set}
      onChange={(v) => props.set({ set: asObject(v) }, 'set')}
    />
  );
}

/** Create or update records of another form. */
export function CreateRecordNodeSettings(props: NodeSettingsProps<'create_record'>) {
  const { t } = useI18n();
  const s = props.node.settings;
  return (
    <WriteRecordSettings
      value={s}
      onChange={props.set}
      setHint={t('inspector.setHint', { fields: fieldKeysOf(props.form) })}
      targetForm={
        <Form.Item label={t('inspector.targetForm')} htmlFor="target-form">
          <Input
            id="target-form"
            value={s.form}
            onChange={(e) => props.set({ ...s, form: e.target.value }, 'form')}
          />
        </Form.Item>
      }
    />
  );
}

/** Call a webhook: address, method, body. */
export function WebhookNodeSettings({ node, set }: NodeSettingsProps<'webhook'>) {
  const { t } = useI18n();
  const s = node.settings;
  return (
    <>
      <Form.Item label={t('inspector.url')} htmlFor="webhook-url">
        <Input
          id="webhook-url"
          value={s.url}
          onChange={(e) => set({ ...s, url: e.target.value }, 'url')}
        />
      </Form.Item>
      <Form.Item label={t('inspector.method')}>
        <Radio.Group
          value={s.method}
          onChange={(e) => set({ ...s, method: e.target.value as 'POST' | 'PUT' }, 'method')}
          options={['POST', 'PUT']}
        />
      </Form.Item>
      <JsonEditor
        label={t('inspector.body')}
        value={s.body}
        onChange={(v) => set(withOptional(s, 'body', v === undefined ? v : asObject(v)), 'body')}
      />
    </>
  );
}

/** Wait a duration, or until a date field of the record. */
export function WaitNodeSettings({ node, form, set }: NodeSettingsProps<'wait'>) {
  const { t } = useI18n();
  const s = node.settings;
  const d = s.duration ?? {};
  const setDuration = (part: 'days' | 'hours' | 'minutes', v: number | null) => {
    const duration = withOptional(d, part, v === 0 ? null : v);
    set(
      withOptional(s, 'duration', Object.keys(duration).length > 0 ? duration : undefined),
      `duration.${part}`,
    );
  };
  return (
    <>
      <Form.Item label={t('inspector.waitFor')}>
        <Flex gap={8}>
          {(['days', 'hours', 'minutes'] as const).map((part) => (
            <InputNumber
              key={part}
              aria-label={t(`inspector.${part}`)}
              min={0}
              value={d[part] ?? null}
              suffix={t(`inspector.${part}`)}
              onChange={(v) => setDuration(part, v)}
            />
          ))}
        </Flex>
      </Form.Item>
      <Form.Item label={t('inspector.untilField')} htmlFor="wait-until">
        <Select
          id="wait-until"
          allowClear
          value={s.untilField}
          options={fieldOptionsOf(form)}
          onChange={(untilField?: string) =>
            set(withOptional(s, 'untilField', untilField), 'until')
          }
        />
      </Form.Item>
    </>
  );
}

/** Start a child flow, and whether to wait for its outcome. */
export function SubprocessNodeSettings({ node, set }: NodeSettingsProps<'subprocess'>) {
  const { t } = useI18n();
  const s = node.settings;
  return (
    <>
      <Form.Item label={t('inspector.targetForm')} htmlFor="sub-form">
        <Input
          id="sub-form"
          value={s.form}
          onChange={(e) => set({ ...s, form: e.target.value }, 'form')}
        />
      </Form.Item>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Switch
          aria-label={t('inspector.waitForOutcome')}
          checked={s.waitForOutcome}
          onChange={(waitForOutcome) => set({ ...s, waitForOutcome }, 'wait')}
        />
        <Typography.Text>{t('inspector.waitForOutcome')}</Typography.Text>
      </Flex>
      <JsonEditor
        label={t('inspector.childData')}
        value={s.data}
        onChange={(v) => set({ ...s, data: asObject(v) }, 'data')}
      />
    </>
  );
}
