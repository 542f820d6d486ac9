import type { AdminUser, Role } from '@liuyun/client';
import { App, Button, Drawer, Flex, Table } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { useQuery } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import { apiErrorText } from '../common/api-error-text';
import { UserPicker } from '../common/UserPicker';

/** Who holds a role; give it to someone or take it away. */
export function RoleMembersDrawer({
  role,
  onClose,
  onChanged,
}: {
  role: Role | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<{ id: string; user: AdminUser | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = role?.key ?? null;
  const load = useCallback(
    (signal: AbortSignal) =>
      key ? api.adminUsers({ role: key, limit: 500 }, signal) : Promise.resolve(null),
    [key],
  );
  const members = useQuery(load);

  const change = async (userId: string, give: boolean) => {
    if (!key) return;
    setBusy(true);
    try {
      // The user's roles as they are now, so a concurrent edit of another role is kept.
      const user = await api.adminUser(userId);
      const roles = give ? [...new Set([...user.roles, key])] : user.roles.filter((r) => r !== key);
      await api.updateUser(userId, { roles });
      void message.success(t('admin.saved'));
      setAdding(null);
      members.reload();
      onChanged();
    } catch (error) {
      void message.error(apiErrorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={role !== null}
      onClose={onClose}
      size={560}
      title={role ? t('roles.membersOf', { name: text(role.name) }) : ''}
      data-testid="role-members"
    >
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <UserPicker
          value={adding?.id ?? null}
          onChange={(id, user) => setAdding(id ? { id, user } : null)}
          placeholder={t('roles.addMemberPick')}
          aria-label={t('roles.addMemberPick')}
          testId="role-add-member"
        />
        <Button
          type="primary"
          disabled={!adding}
          loading={busy}
          onClick={() => adding && void change(adding.id, true)}
        >
          {t('roles.addMember')}
        </Button>
      </Flex>
      {members.error && !members.data ? (
        <ErrorState error={members.error} onRetry={members.reload} />
      ) : (
        <Table<AdminUser>
          size="small"
          rowKey="id"
          loading={members.loading}
          dataSource={members.data?.items ?? []}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          locale={{ emptyText: t('roles.noMembers') }}
          columns={[
            { title: t('users.username'), dataIndex: 'username' },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            {
              title: t('admin.actions'),
              key: 'actions',
              width: 110,
              render: (_: unknown, u) => (
                <Button size="small" disabled={busy} onClick={() => void change(u.id, false)}>
                  {t('roles.removeMember')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
