import type { WorkspaceSummary } from '@liuyun/client';
import { Card, Empty, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/useI18n';

const statusColor: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
};

/** Records the user submitted or worked on, most recently changed first. */
export function RecentRecords({
  records,
}: {
  records: WorkspaceSummary['recentRecords'] | undefined;
}) {
  const { t, text, formatDateTime } = useI18n();
  return (
    <Card title={t('home.recent')} className="panel" size="small" data-testid="recent-records">
      {records && records.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.recentEmpty')} />
      ) : (
        <ul className="side-list">
          {(records ?? []).map((r) => (
            <li key={r.id}>
              <Link to={`/records/${encodeURIComponent(r.id)}`}>{r.title || text(r.formName)}</Link>{' '}
              {r.status && (
                <Tag color={statusColor[r.status] ?? 'default'} bordered={false}>
                  {text(r.statusLabel ?? undefined, r.status)}
                </Tag>
              )}
              <span className="side-meta">
                {text(r.formName)} ·{' '}
                <time dateTime={r.updatedAt}>{formatDateTime(r.updatedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
