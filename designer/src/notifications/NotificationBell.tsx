import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Tabs, Tooltip } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { NotificationList } from './NotificationList';
import { NotificationSettings } from './NotificationSettings';
import { useNotifications } from './useNotifications';

/** The bell in the header: the unread count, and a drawer with the list and the channels. */
export function NotificationBell() {
  const { t } = useI18n();
  const state = useNotifications();
  const [open, setOpen] = useState(false);
  const label = t('notifications.open', { count: String(state.unread) });

  return (
    <>
      <Tooltip title={t('notifications.title')}>
        <Badge count={state.unread} size="small" overflowCount={99}>
          <Button
            type="text"
            icon={<BellOutlined />}
            aria-label={label}
            data-testid="notification-bell"
            onClick={() => {
              setOpen(true);
              void state.refresh();
            }}
          />
        </Badge>
      </Tooltip>
      <Drawer
        placement="right"
        open={open}
        onClose={() => setOpen(false)}
        title={t('notifications.title')}
        size={400}
        data-testid="notification-drawer"
      >
        <Tabs
          items={[
            {
              key: 'list',
              label: t('notifications.title'),
              children: <NotificationList state={state} onOpenRecord={() => setOpen(false)} />,
            },
            {
              key: 'settings',
              label: t('notifications.settings'),
              children: <NotificationSettings />,
            },
          ]}
        />
      </Drawer>
    </>
  );
}
