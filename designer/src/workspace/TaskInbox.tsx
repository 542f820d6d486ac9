import { Badge, Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { TaskView, WorkspaceSummary } from '@liuyun/client';
import { useI18n } from '../i18n/useI18n';
import { TaskList } from './TaskList';

export const inboxViews: TaskView[] = ['todo', 'done', 'started', 'cc'];

export function isTaskView(value: string | null): value is TaskView {
  return value !== null && (inboxViews as string[]).includes(value);
}

/**
 * 待办 / 已办 / 我发起的 / 抄送; the open tab is kept in the URL so "back" returns to it.
 * The to-do tab shows how many tasks wait.
 */
export function TaskInbox({
  counts,
  onChanged,
}: {
  counts?: WorkspaceSummary['tasks'] | undefined;
  onChanged?: () => void;
}) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: TaskView = isTaskView(requested) ? requested : 'todo';

  return (
    <Card title={t('inbox.title')} className="panel" id="inbox">
      <Tabs
        activeKey={view}
        onChange={(key) => setParams({ view: key }, { replace: true })}
        items={inboxViews.map((key) => ({
          key,
          label:
            key === 'todo' && counts && counts.todo > 0 ? (
              <span>
                {t(`inbox.${key}`)} <Badge count={counts.todo} size="small" aria-hidden="true" />
              </span>
            ) : (
              t(`inbox.${key}`)
            ),
          children:
            key === view ? <TaskList view={key} {...(onChanged ? { onChanged } : {})} /> : null,
        }))}
      />
    </Card>
  );
}
