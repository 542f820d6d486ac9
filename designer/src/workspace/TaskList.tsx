import { Empty } from 'antd';
import { useCallback } from 'react';
import type { TaskView } from '@liuyun/client';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { TaskRow } from './TaskRow';

/** The tasks of one inbox view, newest first as the engine orders them. */
export function TaskList({ view }: { view: TaskView }) {
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.tasks(view, signal), [view]);
  const { data, error, loading, reload } = useQuery(load);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (loading && !data) return <PageLoading />;
  if (!data || data.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t(view === 'todo' ? 'inbox.emptyTodo' : 'inbox.emptyOther')}
      />
    );
  }
  return (
    <div className="task-list" data-testid={`task-list-${view}`}>
      {data.map((task) => (
        <TaskRow key={task.id} task={task} view={view} />
      ))}
    </div>
  );
}
