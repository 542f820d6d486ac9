import { RightOutlined } from '@ant-design/icons';
import { Checkbox, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Task, TaskView } from '@liuyun/client';
import { useI18n } from '../i18n/useI18n';

const statusColors: Record<Task['status'], string> = {
  open: 'processing',
  completed: 'default',
  cancelled: 'default',
};

/**
 * One inbox line: what, which form and node, who submitted it and when; opens the record.
 * In the to-do view a checkbox beside it selects it for a batch decision.
 */
export function TaskRow({
  task,
  view,
  selected,
  onSelect,
}: {
  task: Task;
  view: TaskView;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
}) {
  const { t, text, formatDateTime } = useI18n();
  const time = view === 'done' && task.completedAt ? task.completedAt : task.createdAt;

  return (
    <div className="task-item">
      {onSelect && (
        <Checkbox
          checked={selected ?? false}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={t('inbox.select', { title: task.title || text(task.formName) })}
          className="task-check"
          data-testid="task-select"
        />
      )}
      <Link
        to={`/records/${encodeURIComponent(task.recordId)}`}
        className="task-row"
        data-testid="task-row"
      >
        <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong ellipsis className="task-title">
              {task.title}
            </Typography.Text>
            {task.action ? (
              <Tag color={task.action === 'approve' ? 'success' : 'error'}>
                {t(task.action === 'approve' ? 'inbox.action.approve' : 'inbox.action.reject')}
              </Tag>
            ) : (
              view !== 'todo' && (
                <Tag color={statusColors[task.status]}>{t(`inbox.status.${task.status}`)}</Tag>
              )
            )}
          </Flex>
          <Flex gap={8} wrap align="center" className="task-meta">
            <Tag bordered={false} color="blue">
              {text(task.formName)}
            </Tag>
            <span>{text(task.nodeName)}</span>
            <span aria-hidden="true">·</span>
            <span>{t('inbox.submittedBy', { name: task.submitter.displayName })}</span>
            <span aria-hidden="true">·</span>
            <time dateTime={time}>{formatDateTime(time)}</time>
          </Flex>
        </Flex>
        <RightOutlined className="task-row-arrow" aria-hidden="true" />
      </Link>
    </div>
  );
}
