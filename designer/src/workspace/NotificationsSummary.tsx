import { BellOutlined } from '@ant-design/icons';
import { Badge, Card, Empty, Flex } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';

const SHOWN = 5;

/** The newest notifications and how many are unread. */
export function NotificationsSummary({ refreshKey }: { refreshKey: number }) {
  const { t, text, formatDateTime } = useI18n();
  const load = useCallback(
    (signal: AbortSignal) => api.notificationsSummary(SHOWN, signal),
    // refreshKey: load again after the inbox changed something.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [refreshKey],
  );
  const { data, error, reload } = useQuery(load);
  return (
    <Card
      className="panel"
      size="small"
      data-testid="notifications-summary"
      title={
        <Flex align="center" gap={8}>
          <BellOutlined aria-hidden="true" />
          <span>{t('home.notifications')}</span>
          {data && data.unread > 0 && (
            <Badge
              count={data.unread}
              size="small"
              title={t('home.unread', { count: data.unread })}
            />
          )}
        </Flex>
      }
    >
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : data && data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.notificationsEmpty')} />
      ) : (
        <ul className="side-list">
          {(data?.items ?? []).map((n) => (
            <li key={n.id} className={n.read ? undefined : 'is-unread'}>
              {n.recordId ? (
                <Link to={`/records/${encodeURIComponent(n.recordId)}`}>{text(n.message)}</Link>
              ) : (
                text(n.message)
              )}
              <span className="side-meta">
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
