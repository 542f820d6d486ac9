import type { AssigneeSpec, DeadlineSettings, FormDefinition } from '@liuyun/definitions';
import { Flex, InputNumber, Select, Switch, Typography } from 'antd';
import { useI18n } from '../../../i18n/useI18n';
import { AssigneeListEditor } from './AssigneeListEditor';

const ACTIONS: DeadlineSettings['action'][] = ['remind', 'escalate', 'auto_approve', 'auto_return'];

export interface DeadlineEditorProps {
  value: DeadlineSettings | undefined;
  onChange: (value: DeadlineSettings | undefined) => void;
  form: FormDefinition;
}

/** A task node's deadline in working hours, what happens then, and an early reminder. */
export function DeadlineEditor({ value, onChange, form }: DeadlineEditorProps) {
  const { t } = useI18n();
  return (
    <div data-testid="deadline-editor">
      <Flex align="center" gap={8}>
        <Switch
          aria-label={t('deadline.enable')}
          checked={value !== undefined}
          onChange={(on) => onChange(on ? { hours: 8, action: 'remind' } : undefined)}
        />
        <Typography.Text strong>{t('deadline.title')}</Typography.Text>
      </Flex>
      {value && (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Flex gap={8} align="center" wrap>
            <InputNumber
              aria-label={t('deadline.hours')}
              min={0.1}
              max={87600}
              value={value.hours}
              suffix={t('deadline.hoursUnit')}
              onChange={(hours) => onChange({ ...value, hours: hours ?? 8 })}
            />
            <Select
              aria-label={t('deadline.action')}
              style={{ width: 200 }}
              value={value.action}
              options={ACTIONS.map((a) => ({ value: a, label: t(`flow.deadline.${a}`) }))}
              onChange={(action: DeadlineSettings['action']) => {
                const next: DeadlineSettings = { ...value, action };
                if (action !== 'escalate') delete next.escalateTo;
                else next.escalateTo ??= { kind: 'department_head', levels: 1 };
                onChange(next);
              }}
            />
          </Flex>
          <Flex gap={8} align="center">
            <Typography.Text>{t('deadline.remindBefore')}</Typography.Text>
            <InputNumber
              aria-label={t('deadline.remindBefore')}
              min={0.1}
              max={87600}
              value={value.remindBeforeHours ?? null}
              suffix={t('deadline.hoursUnit')}
              onChange={(h) => {
                const next = { ...value };
                if (h === null) delete next.remindBeforeHours;
                else next.remindBeforeHours = h;
                onChange(next);
              }}
            />
          </Flex>
          {value.action === 'escalate' && (
            <AssigneeListEditor
              label={t('deadline.escalateTo')}
              testId="escalate-to"
              form={form}
              value={value.escalateTo ? [value.escalateTo] : []}
              onChange={(list: AssigneeSpec[]) => {
                const last = list[list.length - 1];
                const next = { ...value };
                if (last) next.escalateTo = last;
                else delete next.escalateTo;
                onChange(next);
              }}
            />
          )}
        </Flex>
      )}
    </div>
  );
}
