import { PlusOutlined } from '@ant-design/icons';
import type { Role } from '@liuyun/client';
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { useI18n } from '../../i18n/useI18n';
import { AdminPage } from '../common/AdminPage';
import { PageHeader } from '../common/PageHeader';
import { apiErrorText } from '../common/api-error-text';
import { useRoles } from '../common/useDirectory';
import { RoleFormModal } from './RoleFormModal';
import { RoleMembersDrawer } from './RoleMembersDrawer';

/** `/admin/roles`: roles (flows and permission sets name them by key) and who holds them. */
export default function RolesPage() {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const roles = useRoles();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [members, setMembers] = useState<Role | null>(null);

  const remove = async (role: Role) => {
    try {
      await api.deleteRole(role.id);
      void message.success(t('roles.deleted', { key: role.key }));
      roles.reload();
    } catch (error) {
      void message.error(apiErrorText(error, t));
    }
  };

  return (
    <AdminPage testId="roles-page">
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('roles.create')}
          </Button>
        }
      />
      <Card className="panel">
        {roles.error && !roles.data ? (
          <ErrorState error={roles.error} onRetry={roles.reload} />
        ) : (
          <Table<Role>
            rowKey="id"
            loading={roles.loading}
            dataSource={roles.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 700 }}
            columns={[
              {
                title: t('roles.key'),
                dataIndex: 'key',
                width: 180,
                render: (key: string) => <Tag>{key}</Tag>,
              },
              { title: t('roles.name'), key: 'name', render: (_: unknown, r) => text(r.name) },
              {
                title: t('roles.memberCount'),
                dataIndex: 'memberCount',
                width: 110,
                align: 'right',
              },
              {
                title: t('admin.actions'),
                key: 'actions',
                width: 260,
                render: (_: unknown, r) => (
                  <Space size={4} wrap>
                    <Button size="small" onClick={() => setMembers(r)}>
                      {t('roles.members')}
                    </Button>
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t('admin.edit')}
                    </Button>
                    <Popconfirm
                      title={t('roles.deleteConfirm', { key: r.key })}
                      okText={t('admin.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(r)}
                    >
                      <Button size="small" danger>
                        {t('admin.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <RoleFormModal
        open={editing !== null}
        role={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(r) => {
          void message.success(
            editing === 'new' ? t('roles.created', { key: r.key }) : t('admin.saved'),
          );
          setEditing(null);
          roles.reload();
        }}
      />
      <RoleMembersDrawer role={members} onClose={() => setMembers(null)} onChanged={roles.reload} />
    </AdminPage>
  );
}
