import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Flex, Layout, Tooltip, Typography } from 'antd';
import { Outlet } from 'react-router-dom';
import { useAuth } from '../auth/useAuth';
import { useI18n } from '../i18n/useI18n';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of every signed-in page: header with brand, language, user and sign-out. */
export function AppShell() {
  const { user, signOut } = useAuth();
  const { t } = useI18n();

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <BrandMark />
        <Flex align="center" gap={12}>
          <LanguageSwitch />
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
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
