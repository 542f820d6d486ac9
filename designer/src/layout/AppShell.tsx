import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Flex, Grid, Layout, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Outlet } from 'react-router-dom';
import { useAuth } from '../auth/useAuth';
import { LanguagePreferenceSync } from '../i18n/LanguagePreferenceSync';
import { useI18n } from '../i18n/useI18n';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';
import { NavMenu } from './NavMenu';
import { NotificationBell } from '../notifications/NotificationBell';

/**
 * The frame of every signed-in page: header with brand, language, user and sign-out; the
 * side menu beside the page on wide screens, in a drawer behind a menu button on phones.
 */
export function AppShell() {
  const { user, signOut } = useAuth();
  const { t } = useI18n();
  const wide = Grid.useBreakpoint().lg ?? false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout className="app-shell">
      <LanguagePreferenceSync />
      <Layout.Header className="app-header">
        <Flex align="center" gap={8}>
          {!wide && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('nav.open')}
              data-testid="nav-open"
            />
          )}
          <BrandMark />
        </Flex>
        <Flex align="center" gap={12}>
          <LanguageSwitch />
          {user && <NotificationBell />}
          {user && (
            <Flex align="center" gap={8} className="user-chip" data-testid="current-user">
              <Avatar size="small" icon={<UserOutlined />} />
              <Typography.Text className="user-name">{user.displayName}</Typography.Text>
            </Flex>
          )}
          <Tooltip title={t('header.signOut')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={signOut}
              aria-label={t('header.signOut')}
            />
          </Tooltip>
        </Flex>
      </Layout.Header>
      <Layout>
        {wide && (
          <Layout.Sider width={216} theme="light" className="app-sider">
            <nav aria-label={t('nav.label')}>
              <NavMenu />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      {!wide && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('nav.label')}
          size={260}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('nav.label')}>
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      )}
    </Layout>
  );
}
