import { CheckOutlined } from '@ant-design/icons';
import type { NotificationItem } from '@liuyun/client';
import { App, Badge, Button, Empty, Flex, List, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../common/ErrorState';
import { describeError } from '../common/error-message';
import type { MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/useI18n';
import type { NotificationsState } from './useNotifications';

const REASONS: Record<string, MessageKey> = {
  node: 'notifications.reason.node',
  remind: 'notifications.reason.remind',
  deadline: 'notifications.reason.deadline',
};

/** The notifications, newest first: unread ones marked, each opening its record. */
export function NotificationList({
  state,
  onOpenRecord,
}: {
  state: NotificationsState;
  onOpenRecord: () => void;
}) {
  const { t, text, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const attempt = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  const open = (item: NotificationItem) =>
    attempt(async () => {
      if (!item.read) await state.markRead(item.id);
      if (item.recordId) {
        onOpenRecord();
        navigate(`/records/${encodeURIComponent(item.recordId)}`);
      }
    });

  if (state.error && state.items.length === 0)
    return <ErrorState error={state.error} onRetry={() => void state.refresh()} />;
  if (state.items.length === 0 && !state.loading)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />;

  return (
    <>
      {state.unread > 0 && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button size="small" onClick={() => attempt(state.markAllRead)}>
            {t('notifications.markAllRead')}
          </Button>
        </Flex>
      )}
      <List
        loading={state.loading && state.items.length === 0}
        dataSource={state.items}
        data-testid="notification-list"
        renderItem={(item) => (
          <List.Item
            className={item.read ? 'notification read' : 'notification unread'}
            data-testid="notification-item"
            data-read={item.read ? 'true' : 'false'}
            actions={
              item.read
                ? []
                : [
                    <Button
                      key="read"
                      size="small"
                      type="text"
                      icon={<CheckOutlined />}
                      aria-label={t('notifications.markRead')}
                      title={t('notifications.markRead')}
                      onClick={() => attempt(() => state.markRead(item.id))}
                    />,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center" wrap>
                  {!item.read && <Badge status="processing" />}
                  <Tag>{REASONS[item.reason] ? t(REASONS[item.reason]!) : item.reason}</Tag>
                  {item.recordId ? (
                    <Typography.Link onClick={() => void open(item)}>
                      {text(item.message, '')}
                    </Typography.Link>
                  ) : (
                    <Typography.Text>{text(item.message, '')}</Typography.Text>
                  )}
                </Flex>
              }
              description={formatDateTime(item.createdAt)}
            />
          </List.Item>
        )}
      />
      {state.nextCursor !== null && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => attempt(state.loadMore)}>{t('notifications.loadMore')}</Button>
        </Flex>
      )}
    </>
  );
}
