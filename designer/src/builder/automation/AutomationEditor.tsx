import { PlusOutlined } from '@ant-design/icons';
import {
  ApiError,
  type AppSummary,
  type Automation,
  type AutomationFlow,
  type AutomationInput,
  type AutomationTrigger,
  type AutomationTriggerKind,
} from '@liuyun/client';
import type { FormDefinition, I18nText, JsonValue } from '@liuyun/definitions';
import {
  Alert,
  Button,
  Dropdown,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { describeError } from '../../common/error-message';
import { en, zh } from '../../i18n/messages';
import { useI18n } from '../../i18n/useI18n';
import { errorText } from '../draft/error-text';
import { I18nTextInput } from '../flow-editor/panels/I18nTextInput';
import { JsonEditor } from '../flow-editor/panels/JsonEditor';
import { RuleEditor } from '../rules/RuleEditor';
import { ruleFieldsOf } from '../rules/rule-fields';
import { ActionEditor } from './ActionEditor';
import {
  ACTION_TYPES,
  actionsOf,
  flowOf,
  newAction,
  type ActionType,
  type AutomationAction,
} from './automation-actions';

const KINDS: AutomationTriggerKind[] = [
  'record_created',
  'record_updated',
  'record_deleted',
  'process_ended',
  'process_reached_node',
  'schedule',
  'webhook',
  'manual',
];

const both = (key: keyof typeof en): I18nText => ({ zh: zh[key], en: en[key] });

function triggerOf(kind: AutomationTriggerKind, form: string): AutomationTrigger {
  switch (kind) {
    case 'process_reached_node':
      return { kind, form, nodeId: '' };
    case 'schedule':
      return { kind, cron: '0 9 * * 1' };
    case 'webhook':
      return { kind };
    default:
      return { kind, form };
  }
}

export interface AutomationEditorProps {
  app: AppSummary;
  /** Absent: a new automation. */
  automation?: Automation;
  onSaved: (automation: Automation) => void;
  onCancel: () => void;
}

/** An automation: a trigger, its condition, and the actions it runs one after the other. */
export function AutomationEditor({ app, automation, onSaved, onCancel }: AutomationEditorProps) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const [key, setKey] = useState(automation?.key ?? '');
  const [name, setName] = useState<I18nText>(automation?.name ?? { zh: '', en: '' });
  const [enabled, setEnabled] = useState(automation?.enabled ?? true);
  const [trigger, setTrigger] = useState<AutomationTrigger>(
    automation?.trigger ?? triggerOf('record_created', app.forms[0]?.key ?? ''),
  );
  const initialActions = automation ? actionsOf(automation.flow) : [];
  const [actions, setActions] = useState<AutomationAction[] | null>(initialActions);
  const [rawFlow, setRawFlow] = useState<AutomationFlow | undefined>(automation?.flow);
  const [form, setForm] = useState<FormDefinition | null>(null);
  const [failure, setFailure] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);

  const formKey = 'form' in trigger ? trigger.form : undefined;
  useEffect(() => {
    const entry = app.forms.find((f) => f.key === formKey);
    if (!entry) return setForm(null);
    const controller = new AbortController();
    api.form(entry.id, controller.signal).then(
      (p) => setForm(p.definition),
      () => setForm(null),
    );
    return () => controller.abort();
  }, [app.forms, formKey]);

  const setTriggerPart = (patch: Record<string, JsonValue | undefined>) => {
    const next = { ...trigger } as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') delete next[k];
      else next[k] = v;
    }
    setTrigger(next as AutomationTrigger);
  };

  const addAction = (type: ActionType) => {
    const list = actions ?? [];
    let n = list.length + 1;
    while (list.some((a) => a.id === `step_${n}`)) n += 1;
    setActions([...list, newAction(type, `step_${n}`, both(`automation.action.${type}`))]);
  };

  const save = async () => {
    setSaving(true);
    setFailure(null);
    const flow = actions
      ? flowOf(key || 'automation', name, actions, {
          start: both('automation.trigger'),
          end: both('automation.done'),
        })
      : rawFlow;
    if (!flow) return;
    const input: AutomationInput = { key, name, enabled, trigger, flow };
    try {
      const saved = automation
        ? await api.updateAutomation(automation.id, { name, enabled, trigger, flow })
        : await api.createAutomation(app.key, input);
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.definitionErrors.length > 0)
        setFailure(error.definitionErrors.map((e) => errorText(e, i18n)));
      else if (error instanceof ApiError && error.details.length > 0)
        setFailure(error.details.map((d) => `${d.instancePath} ${d.message ?? ''}`));
      else setFailure([describeError(error, t)]);
    } finally {
      setSaving(false);
    }
  };

  const fields = form ? ruleFieldsOf(form) : [];
  const formOptions = app.forms.map((f) => ({ value: f.key, label: text(f.name, f.key) }));

  return (
    <div className="automation-editor" data-testid="automation-editor">
      <Form layout="vertical" component="div">
        <Form.Item label={t('builder.key')} htmlFor="automation-key" extra={t('builder.keyHint')}>
          <Input
            id="automation-key"
            value={key}
            disabled={automation !== undefined}
            onChange={(e) => setKey(e.target.value)}
          />
        </Form.Item>
        <I18nTextInput
          id="automation-name"
          label={t('inspector.name')}
          required
          value={name}
          onChange={setName}
        />
        <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
          <Switch aria-label={t('automation.enabled')} checked={enabled} onChange={setEnabled} />
          <span>{t('automation.enabled')}</span>
        </Flex>
        <Typography.Title level={5}>{t('automation.when')}</Typography.Title>
        <Form.Item label={t('automation.triggerKind')} htmlFor="trigger-kind">
          <Select
            id="trigger-kind"
            value={trigger.kind}
            options={KINDS.map((k) => ({ value: k, label: t(`automation.kind.${k}`) }))}
            onChange={(k: AutomationTriggerKind) =>
              setTrigger(triggerOf(k, formKey ?? app.forms[0]?.key ?? ''))
            }
          />
        </Form.Item>
        {trigger.kind !== 'webhook' && (
          <Form.Item label={t('automation.form')} htmlFor="trigger-form">
            <Select
              id="trigger-form"
              allowClear={trigger.kind === 'schedule'}
              value={formKey}
              options={formOptions}
              onChange={(f?: string) => setTriggerPart({ form: f })}
            />
          </Form.Item>
        )}
        {trigger.kind === 'record_updated' && (
          <Form.Item label={t('inspector.watchFields')} htmlFor="trigger-watch">
            <Select
              id="trigger-watch"
              mode="multiple"
              value={trigger.watchFields ?? []}
              options={fields.map((f) => ({ value: f.key, label: text(f.label, f.key) }))}
              onChange={(w: string[]) =>
                setTriggerPart({ watchFields: w.length > 0 ? w : undefined })
              }
            />
          </Form.Item>
        )}
        {trigger.kind === 'process_ended' && (
          <Form.Item label={t('automation.outcome')} htmlFor="trigger-outcome">
            <Select
              id="trigger-outcome"
              allowClear
              value={trigger.outcome}
              options={(['approved', 'rejected', 'withdrawn'] as const).map((o) => ({
                value: o,
                label: t(`sim.outcome.${o}`),
              }))}
              onChange={(o?: string) => setTriggerPart({ outcome: o })}
            />
          </Form.Item>
        )}
        {trigger.kind === 'process_reached_node' && (
          <Form.Item label={t('automation.nodeId')} htmlFor="trigger-node">
            <Input
              id="trigger-node"
              value={trigger.nodeId}
              onChange={(e) => setTrigger({ ...trigger, nodeId: e.target.value })}
            />
          </Form.Item>
        )}
        {trigger.kind === 'schedule' && (
          <Flex gap={8} wrap>
            <Form.Item label={t('inspector.cron')} htmlFor="trigger-cron">
              <Input
                id="trigger-cron"
                value={trigger.cron ?? ''}
                onChange={(e) => setTriggerPart({ cron: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('inspector.dateField')} htmlFor="trigger-date">
              <Select
                id="trigger-date"
                allowClear
                style={{ width: 160 }}
                value={trigger.dateField}
                options={fields.map((f) => ({ value: f.key, label: text(f.label, f.key) }))}
                onChange={(d?: string) =>
                  setTriggerPart({
                    dateField: d,
                    offsetDays: d ? (trigger.offsetDays ?? 0) : undefined,
                    cron: d ? undefined : trigger.cron,
                  })
                }
              />
            </Form.Item>
            {trigger.dateField && (
              <Form.Item label={t('automation.offsetDays')} htmlFor="trigger-offset">
                <InputNumber
                  id="trigger-offset"
                  value={trigger.offsetDays ?? 0}
                  onChange={(v) => setTriggerPart({ offsetDays: v ?? 0 })}
                />
              </Form.Item>
            )}
          </Flex>
        )}
        {trigger.kind !== 'webhook' && trigger.kind !== 'manual' && (
          <RuleEditor
            id="automation-condition"
            label={t('automation.condition')}
            fields={fields}
            value={'condition' in trigger ? trigger.condition : undefined}
            onChange={(c) => setTriggerPart({ condition: c })}
          />
        )}
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          {t('automation.then')}
        </Typography.Title>
        {actions ? (
          <Flex vertical gap={10}>
            {actions.map((action, i) => (
              <ActionEditor
                key={action.id}
                action={action}
                index={i}
                form={form}
                formKeys={app.forms.map((f) => f.key)}
                onChange={(next) => setActions(actions.map((a, j) => (j === i ? next : a)))}
                onRemove={() => setActions(actions.filter((_, j) => j !== i))}
              />
            ))}
            <Dropdown
              menu={{
                items: ACTION_TYPES.map((type) => ({
                  key: type,
                  label: t(`automation.action.${type}`),
                })),
                onClick: ({ key: type }) => addAction(type as ActionType),
              }}
            >
              <Button
                icon={<PlusOutlined />}
                style={{ alignSelf: 'flex-start' }}
                data-testid="add-action"
              >
                {t('automation.addAction')}
              </Button>
            </Dropdown>
          </Flex>
        ) : (
          <JsonEditor
            label={t('automation.flowJson')}
            hint={t('automation.flowJsonHint')}
            value={rawFlow as unknown as JsonValue}
            onChange={(v) => setRawFlow(v as unknown as AutomationFlow)}
          />
        )}
      </Form>
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('automation.refused')}
          data-testid="automation-errors"
          description={
            <ul className="plain-list">
              {failure.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          }
        />
      )}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button
          type="primary"
          loading={saving}
          onClick={() => void save()}
          data-testid="save-automation"
        >
          {t('automation.save')}
        </Button>
      </Flex>
    </div>
  );
}
