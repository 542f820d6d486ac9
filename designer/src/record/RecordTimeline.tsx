import { Timeline, Typography } from 'antd';
import type { Task, TimelineEntry } from '@liuyun/client';
import type { MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/useI18n';

const known: Record<string, { key: MessageKey; color: string }> = {
  record_submitted: { key: 'timeline.record_submitted', color: 'blue' },
  process_started: { key: 'timeline.process_started', color: 'gray' },
  task_created: { key: 'timeline.task_created', color: 'blue' },
  task_approved: { key: 'timeline.task_approved', color: 'green' },
  task_rejected: { key: 'timeline.task_rejected', color: 'red' },
  task_cancelled: { key: 'timeline.task_cancelled', color: 'gray' },
  record_updated: { key: 'timeline.record_updated', color: 'gray' },
  process_completed: { key: 'timeline.process_completed', color: 'green' },
  automation_run: { key: 'timeline.automation_run', color: 'purple' },
  record_deleted: { key: 'timeline.record_deleted', color: 'red' },
};

/** What happened to the record, oldest first: submissions, tasks, decisions with comments. */
export function RecordTimeline({ entries, tasks }: { entries: TimelineEntry[]; tasks: Task[] }) {
  const { t, text, formatDateTime } = useI18n();
  // A new task's entry names its assignee only by id (`details.assigneeId`): find the name.
  const assigneeName = (entry: TimelineEntry) => {
    const id = entry.details?.assigneeId;
    return tasks.find((task) => task.assignee?.id === id)?.assignee?.displayName;
  };
  return (
    <Timeline
      data-testid="record-timeline"
      items={entries.map((entry) => {
        const assignee = entry.type === 'task_created' ? assigneeName(entry) : undefined;
        const kind =
          entry.type === 'task_created' && !assignee && !entry.actor
            ? { key: 'timeline.task_waiting' as const, color: 'blue' }
            : known[entry.type];
        const params = {
          actor: assignee ?? entry.actor?.displayName ?? t('timeline.system'),
          node: text(entry.nodeName, entry.nodeId ?? ''),
          type: entry.type,
          automation: String(entry.details?.automation ?? ''),
          status: t(
            entry.details?.status === 'failed'
              ? 'automation.status.failed'
              : 'automation.status.succeeded',
          ),
        };
        return {
          key: entry.id,
          color: entry.details?.status === 'failed' ? 'red' : (kind?.color ?? 'gray'),
          content: (
            <div className="timeline-entry">
              <Typography.Text>{t(kind?.key ?? 'timeline.unknown', params)}</Typography.Text>
              <Typography.Text type="secondary" className="timeline-time">
                {formatDateTime(entry.at)}
              </Typography.Text>
              {entry.comment && (
                <blockquote className="timeline-comment">{entry.comment}</blockquote>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
