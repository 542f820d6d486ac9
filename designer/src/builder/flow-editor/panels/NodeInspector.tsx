import type {
  ApprovalSettings,
  AssigneeSpec,
  FlowNode,
  FormDefinition,
  JsonLogicRule,
  JsonObject,
  NotifyChannel,
  OptionalTaskAction,
  StartSettings,
} from '@liuyun/definitions';
import {
  Alert,
  Checkbox,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import { RuleEditor } from '../../rules/RuleEditor';
import { ruleFieldsOf } from '../../rules/rule-fields';
import { NodeTypeIcon } from '../NodeTypeIcon';
import { AssigneeListEditor } from './AssigneeListEditor';
import { DeadlineEditor } from './DeadlineEditor';
import { FieldPermissionMatrix } from './FieldPermissionMatrix';
import { I18nTextInput } from './I18nTextInput';
import { JsonEditor } from './JsonEditor';

type SettingsOf<N extends FlowNode> = N['settings'];

export interface NodeInspectorProps {
  node: FlowNode;
  form: FormDefinition;
  /** Replaces the node; `mergeKey` makes typing in one input a single undo step. */
  onChange: (node: FlowNode, mergeKey: string) => void;
  errors: string[];
}

const asObject = (value: unknown): JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};

/** The side panel of one node: its name and the settings of its type. */
export function NodeInspector({ node, form, onChange, errors }: NodeInspectorProps) {
  const { t } = useI18n();
  const settings = <N extends FlowNode>(n: N, next: SettingsOf<N>, key: string) =>
    onChange({ ...n, settings: next } as FlowNode, `${n.id}:${key}`);
  const fieldKeys = Object.keys(form.schema.properties);
  const fieldOptions = fieldKeys.map((k) => ({ value: k, label: k }));

  let body: ReactNode = null;
  switch (node.type) {
    case 'approval':
    case 'fill': {
      const s = node.settings;
      const modes =
        node.type === 'approval'
          ? (['any', 'all', 'sequential', 'quorum'] as const)
          : (['any', 'all', 'sequential'] as const);
      body = (
        <>
          <AssigneeListEditor
            label={t('inspector.assignees')}
            testId="assignees"
            form={form}
            value={s.assignees}
            onChange={(assignees: AssigneeSpec[]) =>
              settings(node, { ...s, assignees }, 'assignees')
            }
          />
          <Form.Item label={t('inspector.mode')} style={{ margin: '12px 0' }}>
            <Radio.Group
              aria-label={t('inspector.mode')}
              value={s.mode}
              onChange={(e) => {
                const mode = e.target.value as ApprovalSettings['mode'];
                const next = { ...s, mode } as typeof s;
                if (node.type === 'approval' && mode === 'quorum')
                  (next as ApprovalSettings).quorum ??= { count: 1 };
                if (mode !== 'quorum') delete (next as ApprovalSettings).quorum;
                settings(node, next, 'mode');
              }}
              options={modes.map((m) => ({ value: m, label: t(`inspector.mode.${m}`) }))}
            />
          </Form.Item>
          {node.type === 'approval' && node.settings.mode === 'quorum' && (
            <Form.Item label={t('inspector.quorum')} htmlFor="quorum-count">
              <InputNumber
                id="quorum-count"
                min={1}
                value={
                  'count' in (node.settings.quorum ?? {})
                    ? (node.settings.quorum as { count: number }).count
                    : 1
                }
                onChange={(count) =>
                  settings(node, { ...node.settings, quorum: { count: count ?? 1 } }, 'quorum')
                }
              />
            </Form.Item>
          )}
          <Form.Item label={t('inspector.emptyPolicy')} htmlFor="empty-policy">
            <Select
              id="empty-policy"
              value={s.emptyPolicy ?? 'error'}
              options={(['error', 'skip', 'admin'] as const).map((p) => ({
                value: p,
                label: t(`inspector.empty.${p}`),
              }))}
              onChange={(emptyPolicy: 'skip' | 'admin' | 'error') =>
                settings(node, { ...s, emptyPolicy }, 'empty')
              }
            />
          </Form.Item>
          <DeadlineEditor
            form={form}
            value={s.deadline}
            onChange={(deadline) => {
              const next = { ...s };
              if (deadline) next.deadline = deadline;
              else delete next.deadline;
              settings(node, next, 'deadline');
            }}
          />
          <Divider size="small" />
          <Form.Item label={t('inspector.actions')}>
            <Checkbox.Group
              value={s.allowedActions ?? ['return', 'transfer', 'add_signer']}
              options={(['return', 'transfer', 'add_signer'] as OptionalTaskAction[]).map((a) => ({
                value: a,
                label: t(`inspector.action.${a}`),
              }))}
              onChange={(allowedActions) =>
                settings(
                  node,
                  { ...s, allowedActions: allowedActions as OptionalTaskAction[] },
                  'actions',
                )
              }
            />
          </Form.Item>
          <FieldPermissionMatrix
            form={form}
            value={s.fieldPermissions}
            onChange={(fieldPermissions) => {
              const next = { ...s };
              if (fieldPermissions) next.fieldPermissions = fieldPermissions;
              else delete next.fieldPermissions;
              settings(node, next, 'permissions');
            }}
          />
        </>
      );
      break;
    }
    case 'cc': {
      const s = node.settings;
      body = (
        <>
          <AssigneeListEditor
            label={t('inspector.recipients')}
            testId="recipients"
            form={form}
            value={s.recipients}
            onChange={(recipients) => settings(node, { ...s, recipients }, 'recipients')}
          />
          <Divider size="small" />
          <FieldPermissionMatrix
            form={form}
            readOnlyNode
            value={s.fieldPermissions}
            onChange={(fieldPermissions) => {
              const next = { ...s };
              if (fieldPermissions) next.fieldPermissions = fieldPermissions;
              else delete next.fieldPermissions;
              settings(node, next, 'permissions');
            }}
          />
        </>
      );
      break;
    }
    case 'notify': {
      const s = node.settings;
      body = (
        <>
          <AssigneeListEditor
            label={t('inspector.recipients')}
            testId="recipients"
            form={form}
            value={s.recipients}
            onChange={(recipients) => settings(node, { ...s, recipients }, 'recipients')}
          />
          <I18nTextInput
            id="notify-message"
            label={t('inspector.message')}
            value={s.message}
            onChange={(message) => settings(node, { ...s, message }, 'message')}
          />
          <Form.Item label={t('inspector.channels')}>
            <Checkbox.Group
              value={s.channels ?? []}
              options={(['in_app', 'email', 'dingtalk', 'wecom', 'feishu'] as NotifyChannel[]).map(
                (c) => ({
                  value: c,
                  label: t(`inspector.channel.${c}`),
                }),
              )}
              onChange={(channels) => {
                const next = { ...s };
                if (channels.length > 0) next.channels = channels as NotifyChannel[];
                else delete next.channels;
                settings(node, next, 'channels');
              }}
            />
          </Form.Item>
        </>
      );
      break;
    }
    case 'start': {
      const s = node.settings;
      body = (
        <>
          <Form.Item label={t('inspector.trigger')} htmlFor="start-trigger">
            <Select
              id="start-trigger"
              value={s.trigger}
              options={(['form_submit', 'manual', 'record_change', 'schedule'] as const).map(
                (v) => ({
                  value: v,
                  label: t(`inspector.trigger.${v}`),
                }),
              )}
              onChange={(trigger: StartSettings['trigger']) =>
                settings(node, { trigger } as StartSettings, 'trigger')
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
                  onChange={(watchFields: string[]) => {
                    const next = { ...s };
                    if (watchFields.length > 0) next.watchFields = watchFields;
                    else delete next.watchFields;
                    settings(node, next, 'watch');
                  }}
                />
              </Form.Item>
              <RuleEditor
                id="start-condition"
                label={t('inspector.startCondition')}
                fields={ruleFieldsOf(form)}
                value={s.condition}
                onChange={(condition: JsonLogicRule | undefined) => {
                  const next = { ...s };
                  if (condition === undefined) delete next.condition;
                  else next.condition = condition;
                  settings(node, next, 'condition');
                }}
              />
              <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
                <Switch
                  aria-label={t('inspector.onCreate')}
                  checked={s.onCreate === true}
                  onChange={(onCreate) => {
                    const next = { ...s };
                    if (onCreate) next.onCreate = true;
                    else delete next.onCreate;
                    settings(node, next, 'onCreate');
                  }}
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
                  onChange={(e) => {
                    const next = { ...s };
                    if (e.target.value) next.cron = e.target.value;
                    else delete next.cron;
                    settings(node, next, 'cron');
                  }}
                />
              </Form.Item>
              <Form.Item label={t('inspector.dateField')} htmlFor="start-date-field">
                <Select
                  id="start-date-field"
                  allowClear
                  value={s.dateField}
                  options={fieldOptions}
                  onChange={(dateField?: string) => {
                    const next = { ...s };
                    if (dateField) next.dateField = dateField;
                    else delete next.dateField;
                    settings(node, next, 'dateField');
                  }}
                />
              </Form.Item>
            </>
          )}
        </>
      );
      break;
    }
    case 'end':
      body = (
        <Form.Item label={t('inspector.outcome')}>
          <Radio.Group
            value={node.settings.outcome}
            onChange={(e) =>
              settings(node, { outcome: e.target.value as 'approved' | 'rejected' }, 'outcome')
            }
            options={[
              { value: 'approved', label: t('flow.end.approved') },
              { value: 'rejected', label: t('flow.end.rejected') },
            ]}
          />
        </Form.Item>
      );
      break;
    case 'update_record':
      body = (
        <JsonEditor
          label={t('inspector.set')}
          hint={t('inspector.setHint', { fields: fieldKeys.join(', ') })}
          testId="update-set"
          value={node.settings.set}
          onChange={(v) => settings(node, { set: asObject(v) }, 'set')}
        />
      );
      break;
    case 'create_record': {
      const s = node.settings;
      body = (
        <>
          <Form.Item label={t('inspector.targetForm')} htmlFor="target-form">
            <Input
              id="target-form"
              value={s.form}
              onChange={(e) => settings(node, { ...s, form: e.target.value }, 'form')}
            />
          </Form.Item>
          <Form.Item label={t('inspector.writeMode')}>
            <Radio.Group
              value={s.mode}
              onChange={(e) =>
                settings(node, { ...s, mode: e.target.value as typeof s.mode }, 'mode')
              }
              options={(['create', 'update', 'upsert'] as const).map((m) => ({
                value: m,
                label: t(`inspector.write.${m}`),
              }))}
            />
          </Form.Item>
          {s.mode !== 'create' && (
            <JsonEditor
              label={t('inspector.match')}
              value={s.match}
              onChange={(match) => {
                const next = { ...s };
                if (match === undefined) delete next.match;
                else next.match = match;
                settings(node, next, 'match');
              }}
            />
          )}
          <JsonEditor
            label={t('inspector.set')}
            hint={t('inspector.setHint', { fields: fieldKeys.join(', ') })}
            value={s.set}
            onChange={(v) => settings(node, { ...s, set: asObject(v) }, 'set')}
          />
        </>
      );
      break;
    }
    case 'webhook': {
      const s = node.settings;
      body = (
        <>
          <Form.Item label={t('inspector.url')} htmlFor="webhook-url">
            <Input
              id="webhook-url"
              value={s.url}
              onChange={(e) => settings(node, { ...s, url: e.target.value }, 'url')}
            />
          </Form.Item>
          <Form.Item label={t('inspector.method')}>
            <Radio.Group
              value={s.method}
              onChange={(e) =>
                settings(node, { ...s, method: e.target.value as 'POST' | 'PUT' }, 'method')
              }
              options={['POST', 'PUT']}
            />
          </Form.Item>
          <JsonEditor
            label={t('inspector.body')}
            value={s.body}
            onChange={(v) => {
              const next = { ...s };
              if (v === undefined) delete next.body;
              else next.body = asObject(v);
              settings(node, next, 'body');
            }}
          />
        </>
      );
      break;
    }
    case 'wait': {
      const s = node.settings;
      const d = s.duration ?? {};
      const setDuration = (part: 'days' | 'hours' | 'minutes', v: number | null) => {
        const duration = { ...d };
        if (v === null || v === 0) delete duration[part];
        else duration[part] = v;
        const next = { ...s };
        if (Object.keys(duration).length > 0) next.duration = duration;
        else delete next.duration;
        settings(node, next, `duration.${part}`);
      };
      body = (
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
              options={fieldOptions}
              onChange={(untilField?: string) => {
                const next = { ...s };
                if (untilField) next.untilField = untilField;
                else delete next.untilField;
                settings(node, next, 'until');
              }}
            />
          </Form.Item>
        </>
      );
      break;
    }
    case 'subprocess': {
      const s = node.settings;
      body = (
        <>
          <Form.Item label={t('inspector.targetForm')} htmlFor="sub-form">
            <Input
              id="sub-form"
              value={s.form}
              onChange={(e) => settings(node, { ...s, form: e.target.value }, 'form')}
            />
          </Form.Item>
          <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
            <Switch
              aria-label={t('inspector.waitForOutcome')}
              checked={s.waitForOutcome}
              onChange={(waitForOutcome) => settings(node, { ...s, waitForOutcome }, 'wait')}
            />
            <Typography.Text>{t('inspector.waitForOutcome')}</Typography.Text>
          </Flex>
          <JsonEditor
            label={t('inspector.childData')}
            value={s.data}
            onChange={(v) => settings(node, { ...s, data: asObject(v) }, 'data')}
          />
        </>
      );
      break;
    }
    case 'exclusive':
    case 'parallel_split':
    case 'parallel_join':
      body = (
        <Typography.Paragraph type="secondary">
          {t(`inspector.about.${node.type}`)}
        </Typography.Paragraph>
      );
      break;
  }

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
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="inspector-errors"
          title={t('inspector.errors')}
          description={
            <ul className="plain-list">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical" component="div">
        <I18nTextInput
          id="node-name"
          label={t('inspector.name')}
          required
          value={node.name}
          onChange={(name) => onChange({ ...node, name }, `${node.id}:name`)}
        />
        {body}
      </Form>
    </div>
  );
}
