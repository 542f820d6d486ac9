import { CheckOutlined, CloseOutlined, SendOutlined } from '@ant-design/icons';
import type { FlowDefinition, FormDefinition, JsonObject, JsonValue } from '@liuyun/definitions';
import { App, Button, Card, Divider, Flex, Input, Typography } from 'antd';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { ApiError, type Task, type TaskAction } from '@liuyun/client';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { splitPointer } from '../form/draft-update';
import { useI18n } from '../i18n/useI18n';
import { isFilled, taskNodeInfo } from './task-node';
import { TaskFieldEdits } from './TaskFieldEdits';

export interface TaskDecisionPanelProps {
  task: Task;
  /** The flow of the record's process (the node's field permissions come from it). */
  flow?: FlowDefinition;
  form: FormDefinition;
  /** The record's data as the holder reads it. */
  data: JsonObject;
  onDecided: () => void;
}

const ICONS: Record<TaskAction, ReactNode> = {
  approve: <CheckOutlined />,
  reject: <CloseOutlined />,
  submit: <SendOutlined />,
};

/**
 * The signed-in user's open task on this record: the fields their node makes editable
 * (e.g. legal notes at the legal review), a comment, and the decision — approve or
 * reject, or submit for a fill-in. Only changed fields are sent, with the decision.
 */
export function TaskDecisionPanel({ task, flow, form, data, onDecided }: TaskDecisionPanelProps) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const info = useMemo(() => taskNodeInfo(flow, form, task.nodeId), [flow, form, task.nodeId]);
  const [comment, setComment] = useState('');
  const [values, setValues] = useState<JsonObject>(() =>
    Object.fromEntries(
      info.editable.flatMap((key) => (data[key] === undefined ? [] : [[key, data[key]]])),
    ),
  );
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState<TaskAction | null>(null);
  const commentId = useId();

  const changes = (): JsonObject => {
    const out: JsonObject = {};
    for (const key of info.editable) {
      const next = values[key];
      // A cleared input keeps the stored value (the form's schema may not take null).
      if (next !== undefined && JSON.stringify(next) !== JSON.stringify(data[key] ?? null))
        out[key] = next;
    }
    return out;
  };

  const setValue = (key: string, value: JsonValue | undefined) => {
    setValues((current) => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    setErrors((current) => {
      if (!current.has(key)) return current;
      const next = new Map(current);
      next.delete(key);
      return next;
    });
  };

  const decide = async (action: TaskAction) => {
    if (action !== 'reject') {
      const missing = [...info.required].filter((key) => !isFilled(values[key]));
      if (missing.length > 0) {
        setErrors(new Map(missing.map((key) => [key, t('task.fieldRequired')])));
        return;
      }
    }
    setBusy(action);
    try {
      await api.actOnTask(task.id, action, comment.trim(), changes());
      const done = {
        approve: 'task.approved',
        reject: 'task.rejected',
        submit: 'task.submitted',
      } as const;
      void message.success(t(done[action]));
      onDecided();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'task_not_open') {
        void message.warning(t('task.notOpen'));
        onDecided();
      } else {
        if (error instanceof ApiError && error.details.length > 0) {
          const byField = new Map<string, string>();
          for (const d of error.details) {
            const key = splitPointer(d.instancePath)[0];
            if (key !== undefined && info.editable.includes(key) && !byField.has(key))
              byField.set(key, d.message ?? t('form.serverInvalid'));
          }
          setErrors(byField);
        }
        void message.error(describeError(error, t));
      }
    } finally {
      setBusy(null);
    }
  };

  const node = text(task.nodeName, task.nodeId);
  return (
    <Card className="panel decision-panel" title={t('task.title')} data-testid="decision-panel">
      <Typography.Paragraph type="secondary">
        {info.kind === 'fill' ? t('task.fillHint', { node }) : t('task.hint', { node })}
      </Typography.Paragraph>
      {info.editable.length > 0 && (
        <>
          <TaskFieldEdits
            form={form}
            fields={info.editable}
            required={info.required}
            values={values}
            onChange={setValue}
            errors={errors}
          />
          <Divider style={{ margin: '4px 0 16px' }} />
        </>
      )}
      <label htmlFor={commentId} className="field-label">
        {t('task.comment')}
      </label>
      <Input.TextArea
        id={commentId}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('task.commentPlaceholder')}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
      />
      <Flex gap={12} justify="flex-end" style={{ marginTop: 16 }}>
        {[...info.actions].reverse().map((action) => (
          <Button
            key={action}
            type={action === 'reject' ? 'default' : 'primary'}
            danger={action === 'reject'}
            icon={ICONS[action]}
            loading={busy === action}
            disabled={busy !== null}
            onClick={() => decide(action)}
            data-testid={`task-${action}`}
          >
            {t(`task.${action}`)}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}
