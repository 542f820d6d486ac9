import type { FlowNode, FormDefinition } from '@liuyun/definitions';
import { Flex, Form, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import { NodeTypeIcon } from '../NodeTypeIcon';
import { I18nTextInput } from './I18nTextInput';
import { InspectorErrors } from './settings/InspectorErrors';
import { CcNodeSettings, NotifyNodeSettings } from './settings/RecipientNodeSettings';
import { StartNodeSettings } from './settings/StartNodeSettings';
import {
  CreateRecordNodeSettings,
  EndNodeSettings,
  SubprocessNodeSettings,
  UpdateRecordNodeSettings,
  WaitNodeSettings,
  WebhookNodeSettings,
} from './settings/StepNodeSettings';
import { TaskNodeSettings } from './settings/TaskNodeSettings';

export interface NodeInspectorProps {
  node: FlowNode;
  form: FormDefinition;
  /** Replaces the node; `mergeKey` makes typing in one input a single undo step. */
  onChange: (node: FlowNode, mergeKey: string) => void;
  errors: string[];
}

/** The settings panel of the node's type (gateways have none: a sentence says what they do). */
function NodeSettings({ node, form, onChange }: Omit<NodeInspectorProps, 'errors'>): ReactNode {
  const { t } = useI18n();
  const set = (next: FlowNode['settings'], key: string) =>
    onChange({ ...node, settings: next } as FlowNode, `${node.id}:${key}`);
  switch (node.type) {
    case 'approval':
    case 'fill':
      return <TaskNodeSettings node={node} form={form} set={set} />;
    case 'cc':
      return <CcNodeSettings node={node} form={form} set={set} />;
    case 'notify':
      return <NotifyNodeSettings node={node} form={form} set={set} />;
    case 'start':
      return <StartNodeSettings node={node} form={form} set={set} />;
    case 'end':
      return <EndNodeSettings node={node} form={form} set={set} />;
    case 'update_record':
      return <UpdateRecordNodeSettings node={node} form={form} set={set} />;
    case 'create_record':
      return <CreateRecordNodeSettings node={node} form={form} set={set} />;
    case 'webhook':
      return <WebhookNodeSettings node={node} form={form} set={set} />;
    case 'wait':
      return <WaitNodeSettings node={node} form={form} set={set} />;
    case 'subprocess':
      return <SubprocessNodeSettings node={node} form={form} set={set} />;
    case 'exclusive':
    case 'parallel_split':
    case 'parallel_join':
      return (
        <Typography.Paragraph type="secondary">
          {t(`inspector.about.${node.type}`)}
        </Typography.Paragraph>
      );
  }
}

/** The side panel of one node: its name, its publish errors and the settings of its type. */
export function NodeInspector({ node, form, onChange, errors }: NodeInspectorProps) {
  const { t } = useI18n();
  return (
    <div className="inspector" data-testid={`inspector-${node.id}`}>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <span className={`flow-node-icon flow-node--${node.type}`} aria-hidden="true">
          <NodeTypeIcon type={node.type} />
        </span>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t(`flow.node.${node.type}`)}
        </Typography.Title>
        <Typography.Text type="secondary" code>
          {node.id}
        </Typography.Text>
      </Flex>
      <InspectorErrors errors={errors} />
      <Form layout="vertical" component="div">
        <I18nTextInput
          id="node-name"
          label={t('inspector.name')}
          required
          value={node.name}
          onChange={(name) => onChange({ ...node, name }, `${node.id}:name`)}
        />
        <NodeSettings node={node} form={form} onChange={onChange} />
      </Form>
    </div>
  );
}
