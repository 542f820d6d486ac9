import type { AdminUser, Department } from '@liuyun/client';
import { App, Button, Flex, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { useQuery } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import { apiErrorText } from '../common/api-error-text';
import { UserPicker } from '../common/UserPicker';

/** The users of one department; add one (moving them here) or take one out. */
export function DepartmentMembers({
  department,
  onChanged,
}: {
  department: Department;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) => api.adminUsers({ departmentId: department.id, limit: 500 }, signal),
    [department.id],
  );
  const members = useQuery(load);

  const move = async (userId: string, departmentId: string | null) => {
    setBusy(true);
    try {
      await api.updateUser(userId, { departmentId });
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
    <div data-testid="department-members">
      <Typography.Title level={5}>{t('depts.members')}</Typography.Title>
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <UserPicker
          value={adding}
          onChange={setAdding}
          placeholder={t('depts.addMemberPick')}
          aria-label={t('depts.addMemberPick')}
          testId="department-add-member"
        />
        <Button
          disabled={!adding}
          loading={busy}
          onClick={() => adding && void move(adding, department.id)}
        >
          {t('depts.addMember')}
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
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('depts.noMembers') }}
          columns={[
            { title: t('users.username'), dataIndex: 'username' },
            {
              title: t('users.displayName'),
              dataIndex: 'displayName',
              render: (name: string, u) => (
                <Flex gap={4} wrap>
                  {name}
                  {u.id === department.headUserId && (
                    <Tag color="processing">{t('depts.head')}</Tag>
                  )}
                  {u.disabled && <Tag>{t('users.disabled')}</Tag>}
                </Flex>
              ),
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              width: 120,
              render: (_: unknown, u) => (
                <Button size="small" disabled={busy} onClick={() => void move(u.id, null)}>
                  {t('depts.removeMember')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
