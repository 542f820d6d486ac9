import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { TaskView } from '@liuyun/client';
import { useI18n } from '../i18n/useI18n';
import { TaskList } from './TaskList';

const views: TaskView[] = ['todo', 'done', 'started', 'cc'];

function isTaskView(value: string | null): value is TaskView {
  return value !== null && (views as string[]).includes(value);
}

/** 待办 / 已办 / 我发起的 / 抄送; the open tab is kept in the URL so "back" returns to it. */
export function TaskInbox() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: TaskView = isTaskView(requested) ? requested : 'todo';

  return (
    <Card title={t('inbox.title')} className="panel">
      <Tabs
        activeKey={view}
        onChange={(key) => setParams({ view: key }, { replace: true })}
        items={views.map((key) => ({
          key,
          label: t(`inbox.${key}`),
          children: key === view ? <TaskList view={key} /> : null,
        }))}
      />
    </Card>
  );
}
