import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useId, useState } from 'react';
import { ApiError, type Task, type TaskAction } from '@liuyun/client';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';

/** Approve or reject the signed-in user's open task on this record, with a comment. */
export function TaskDecisionPanel({ task, onDecided }: { task: Task; onDecided: () => void }) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<TaskAction | null>(null);
  const commentId = useId();

  const decide = async (action: TaskAction) => {
    setBusy(action);
    try {
      await api.actOnTask(task.id, action, comment.trim());
      void message.success(t(action === 'approve' ? 'task.approved' : 'task.rejected'));
      onDecided();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'task_not_open') {
        void message.warning(t('task.notOpen'));
        onDecided();
      } else {
        void message.error(describeError(error, t));
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card className="panel decision-panel" title={t('task.title')} data-testid="decision-panel">
      <Typography.Paragraph type="secondary">
        {t('task.hint', { node: text(task.nodeName, task.nodeId) })}
      </Typography.Paragraph>
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
        <Button
          danger
          icon={<CloseOutlined />}
          loading={busy === 'reject'}
          disabled={busy !== null}
          onClick={() => decide('reject')}
        >
          {t('task.reject')}
        </Button>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={busy === 'approve'}
          disabled={busy !== null}
          onClick={() => decide('approve')}
        >
          {t('task.approve')}
        </Button>
      </Flex>
    </Card>
  );
}
