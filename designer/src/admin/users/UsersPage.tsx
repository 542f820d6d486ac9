import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { AdminUser, AdminUserPage } from '@liuyun/client';
import { App, Button, Card, Flex, Input, Popconfirm, Space, Table, Tag, TreeSelect } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { useQuery } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import { AdminPage } from '../common/AdminPage';
import { PageHeader } from '../common/PageHeader';
import { apiErrorText } from '../common/api-error-text';
import { useDepartments, useRoles } from '../common/useDirectory';
import { departmentPath, departmentTreeData } from '../org/department-tree';
import { PasswordResetModal } from './PasswordResetModal';
import { UserFormModal } from './UserFormModal';
import { UserImportModal } from './UserImportModal';

const PAGE = 50;

/** `/admin/users`: find, create, edit, disable users; reset passwords; import from CSV. */
export default function UsersPage() {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const [more, setMore] = useState<AdminUserPage[]>([]);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const departments = useDepartments();
  const roles = useRoles();
  const load = useCallback(
    (signal: AbortSignal) => {
      setMore([]);
      return api.adminUsers(
        { ...(search ? { search } : {}), ...(departmentId ? { departmentId } : {}), limit: PAGE },
        signal,
      );
    },
    [search, departmentId],
  );
  const first = useQuery(load);
  const pages = first.data ? [first.data, ...more] : [];
  const users = pages.flatMap((p) => p.items);
  const nextAfter = pages[pages.length - 1]?.nextAfter ?? null;

  const loadMore = async () => {
    if (!nextAfter) return;
    try {
      const page = await api.adminUsers({
        ...(search ? { search } : {}),
        ...(departmentId ? { departmentId } : {}),
        limit: PAGE,
        after: nextAfter,
      });
      setMore((list) => [...list, page]);
    } catch (error) {
      void message.error(apiErrorText(error, t));
    }
  };

  const setDisabled = async (user: AdminUser, disabled: boolean) => {
    setBusy(user.id);
    try {
      await api.updateUser(user.id, { disabled });
      void message.success(disabled ? t('users.disabledOk') : t('users.enabledOk'));
      first.reload();
    } catch (error) {
      void message.error(apiErrorText(error, t));
    } finally {
      setBusy(null);
    }
  };

  const roleName = (key: string) => {
    const role = roles.data?.find((r) => r.key === key);
    return role ? text(role.name) : key;
  };

  return (
    <AdminPage testId="users-page">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <>
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              {t('users.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('users.create')}
            </Button>
          </>
        }
      />
      <Card className="panel">
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.search')}
            aria-label={t('users.search')}
            onSearch={(value) => setSearch(value.trim())}
            style={{ maxWidth: 320 }}
            data-testid="users-search"
          />
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            value={departmentId}
            onChange={(v: string | undefined) => setDepartmentId(v)}
            treeData={departmentTreeData(departments.data ?? [])}
            placeholder={t('users.allDepartments')}
            aria-label={t('users.department')}
            style={{ minWidth: 220 }}
          />
        </Flex>
        {first.error && !first.data ? (
          <ErrorState error={first.error} onRetry={first.reload} />
        ) : (
          <>
            <Table<AdminUser>
              rowKey="id"
              loading={first.loading}
              dataSource={users}
              pagination={false}
              scroll={{ x: 900 }}
              locale={{ emptyText: t('users.empty') }}
              columns={[
                { title: t('users.username'), dataIndex: 'username', width: 150 },
                { title: t('users.displayName'), dataIndex: 'displayName', width: 160 },
                {
                  title: t('users.department'),
                  dataIndex: 'departmentId',
                  render: (id: string | null) =>
                    id ? departmentPath(departments.data ?? [], id) : t('common.none'),
                },
                {
                  title: t('users.roles'),
                  dataIndex: 'roles',
                  render: (keys: string[], u) => (
                    <Flex gap={4} wrap>
                      {u.isAdmin && <Tag color="warning">{t('users.admin')}</Tag>}
                      {keys.map((k) => (
                        <Tag key={k}>{roleName(k)}</Tag>
                      ))}
                    </Flex>
                  ),
                },
                {
                  title: t('users.status'),
                  dataIndex: 'disabled',
                  width: 100,
                  render: (disabled: boolean) =>
                    disabled ? (
                      <Tag color="default">{t('users.disabled')}</Tag>
                    ) : (
                      <Tag color="success">{t('users.active')}</Tag>
                    ),
                },
                {
                  title: t('admin.actions'),
                  key: 'actions',
                  width: 270,
                  render: (_: unknown, u) => (
                    <Space size={4} wrap>
                      <Button size="small" onClick={() => setEditing(u)}>
                        {t('admin.edit')}
                      </Button>
                      <Button size="small" onClick={() => setResetting(u)}>
                        {t('users.resetPassword')}
                      </Button>
                      {u.disabled ? (
                        <Button
                          size="small"
                          loading={busy === u.id}
                          onClick={() => void setDisabled(u, false)}
                        >
                          {t('users.enable')}
                        </Button>
                      ) : (
                        <Popconfirm
                          title={t('users.disableConfirm', { name: u.username })}
                          okText={t('users.disable')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => setDisabled(u, true)}
                        >
                          <Button size="small" danger loading={busy === u.id}>
                            {t('users.disable')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
            {nextAfter && (
              <Flex justify="center" style={{ marginTop: 12 }}>
                <Button onClick={() => void loadMore()}>{t('admin.loadMore')}</Button>
              </Flex>
            )}
          </>
        )}
      </Card>
      <UserFormModal
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        departments={departments.data ?? []}
        roles={roles.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          void message.success(
            editing === 'new' ? t('users.created', { name: u.username }) : t('admin.saved'),
          );
          setEditing(null);
          first.reload();
        }}
      />
      <PasswordResetModal user={resetting} onClose={() => setResetting(null)} />
      <UserImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => first.reload()}
      />
    </AdminPage>
  );
}
