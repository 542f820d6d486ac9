import type { FlowDefinition, WithdrawPolicy } from '@liuyun/definitions';
import { Form, Select, Typography } from 'antd';
import { useI18n } from '../../../i18n/useI18n';
import { I18nTextInput } from './I18nTextInput';

export interface FlowSettingsPanelProps {
  flow: FlowDefinition;
  onChange: (flow: FlowDefinition, mergeKey: string) => void;
}

/** What the side panel shows with nothing selected: the flow's own settings and how to work the canvas. */
export function FlowSettingsPanel({ flow, onChange }: FlowSettingsPanelProps) {
  const { t } = useI18n();
  return (
    <div className="inspector" data-testid="inspector-flow">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('inspector.flow')}
      </Typography.Title>
      <Form layout="vertical" component="div">
        <I18nTextInput
          id="flow-name"
          label={t('inspector.flowName')}
          value={flow.name}
          onChange={(name) => onChange({ ...flow, name }, 'flow:name')}
        />
        <Form.Item label={t('inspector.withdraw')} htmlFor="withdraw-policy">
          <Select
            id="withdraw-policy"
            value={flow.withdrawPolicy ?? 'until_acted'}
            options={(['never', 'until_acted', 'always'] as WithdrawPolicy[]).map((p) => ({
              value: p,
              label: t(`inspector.withdraw.${p}`),
            }))}
            onChange={(withdrawPolicy: WithdrawPolicy) =>
              onChange({ ...flow, withdrawPolicy }, 'flow:withdraw')
            }
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" className="shortcut-help">
        {t('inspector.help')}
      </Typography.Paragraph>
    </div>
  );
}
