import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { BatchResult, Task, TaskView } from '@liuyun/client';
import { Alert, App, Button, Checkbox, Empty, Flex, Input, Modal, Typography } from 'antd';
import { useCallback, useId, useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/messages';
import { TaskRow } from './TaskRow';

type Decision = 'approve' | 'reject';

interface Outcome {
  task: Task;
  status: number;
  code?: string;
}

function reasonKey(outcome: Outcome): MessageKey {
  if (outcome.status === 409) return 'inbox.result.conflict';
  if (outcome.status === 404) return 'inbox.result.gone';
  return 'inbox.result.notAllowed';
}

/** What a batch decision did, task by task. */
function BatchResults({ outcomes, onClose }: { outcomes: Outcome[]; onClose: () => void }) {
  const { t, text } = useI18n();
  const ok = outcomes.filter((o) => o.status === 200).length;
  return (
    <Alert
      className="batch-results"
      type={ok === outcomes.length ? 'success' : ok === 0 ? 'error' : 'warning'}
      showIcon
      closable={{ onClose, 'aria-label': t('inbox.dismiss') }}
      title={t('inbox.batchDone', { ok, total: outcomes.length })}
      description={
        <ul className="plain-list" aria-label={t('inbox.batchResults')} data-testid="batch-results">
          {outcomes.map((o) => (
            <li key={o.task.id} data-status={o.status}>
              {o.task.title || text(o.task.formName)}:{' '}
              {o.status === 200
                ? t('inbox.result.ok')
                : t('inbox.result.failed', { reason: t(reasonKey(o)) })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * The tasks of one inbox view, newest first as the engine orders them. In the to-do view
 * tasks can be selected and approved or rejected together; each is decided on its own
 * and the answer for each is shown.
 */
export function TaskList({ view, onChanged }: { view: TaskView; onChanged?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const commentId = useId();
  const load = useCallback((signal: AbortSignal) => api.tasks(view, signal), [view]);
  const { data, error, loading, reload } = useQuery(load);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState<Decision | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);

  const batch = view === 'todo';
  const tasks = data ?? [];
  const chosen = tasks.filter((task) => selected.has(task.id));

  const decide = async (decision: Decision) => {
    setBusy(true);
    try {
      const answer: BatchResult = await api.batchActOnTasks(
        chosen.map((task) => task.id),
        decision,
        comment.trim(),
      );
      const byId = new Map(chosen.map((task) => [task.id, task]));
      setOutcomes(
        answer.results.flatMap((r) => {
          const task = byId.get(r.taskId);
          return task ? [{ task, status: r.status, ...(r.code ? { code: r.code } : {}) }] : [];
        }),
      );
      setSelected(new Set());
      setAsking(null);
      setComment('');
      reload();
      onChanged?.();
    } catch (failure) {
      void message.error(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (loading && !data) return <PageLoading />;

  const results = outcomes ? (
    <BatchResults outcomes={outcomes} onClose={() => setOutcomes(null)} />
  ) : null;
  if (tasks.length === 0) {
    return (
      <>
        {results}
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(view === 'todo' ? 'inbox.emptyTodo' : 'inbox.emptyOther')}
        />
      </>
    );
  }
  const all = chosen.length === tasks.length;

  return (
    <>
      {results}
      {batch && (
        <Flex
          align="center"
          justify="space-between"
          gap={8}
          wrap
          className="batch-bar"
          data-testid="batch-bar"
        >
          <Checkbox
            checked={all}
            indeterminate={chosen.length > 0 && !all}
            onChange={(e) =>
              setSelected(e.target.checked ? new Set(tasks.map((task) => task.id)) : new Set())
            }
          >
            {chosen.length > 0
              ? t('inbox.selected', { count: chosen.length })
              : t('inbox.selectAll')}
          </Checkbox>
          <Flex gap={8}>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={chosen.length === 0}
              onClick={() => setAsking('approve')}
            >
              {t('inbox.batchApprove')}
            </Button>
            <Button
              danger
              icon={<CloseOutlined />}
              disabled={chosen.length === 0}
              onClick={() => setAsking('reject')}
            >
              {t('inbox.batchReject')}
            </Button>
          </Flex>
        </Flex>
      )}
      <div className="task-list" data-testid={`task-list-${view}`}>
        {tasks.map((task) => (
          <TaskRow
            key={task.id}
            task={task}
            view={view}
            {...(batch
              ? {
                  selected: selected.has(task.id),
                  onSelect: (on: boolean) =>
                    setSelected((current) => {
                      const next = new Set(current);
                      if (on) next.add(task.id);
                      else next.delete(task.id);
                      return next;
                    }),
                }
              : {})}
          />
        ))}
      </div>
      <Modal
        open={asking !== null}
        title={
          asking === 'reject'
            ? t('inbox.batchConfirmReject', { count: chosen.length })
            : t('inbox.batchConfirmApprove', { count: chosen.length })
        }
        okText={asking === 'reject' ? t('inbox.batchReject') : t('inbox.batchApprove')}
        okButtonProps={{ danger: asking === 'reject', loading: busy }}
        cancelText={t('ws.cancel')}
        onOk={() => asking && void decide(asking)}
        onCancel={() => setAsking(null)}
      >
        <label htmlFor={commentId} className="field-label">
          {t('inbox.batchComment')}
        </label>
        <Input.TextArea
          id={commentId}
          value={comment}
          maxLength={2000}
          autoSize={{ minRows: 2 }}
          onChange={(e) => setComment(e.target.value)}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {chosen
            .map((task) => task.title)
            .filter(Boolean)
            .join(' · ')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
