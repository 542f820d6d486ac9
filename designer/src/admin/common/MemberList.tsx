import type { AdminUser, AdminUserPage } from '@liuyun/client';
import { App, Button, Flex, Table } from 'antd';
import { useState, type ReactNode } from 'react';
import { ErrorState } from '../../common/ErrorState';
import type { QueryState } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import { apiErrorText } from './api-error-text';
import { UserPicker } from './UserPicker';

export interface MemberListProps {
  /** The members as loaded (null while there is nothing to load). */
  members: QueryState<AdminUserPage | null>;
  /** Puts the picked user in; the list reloads after. */
  onAdd: (userId: string) => Promise<void>;
  /** Takes one out; the list reloads after. */
  onRemove: (userId: string) => Promise<void>;
  /** Told after every change that went through. */
  onChanged: () => void;
  texts: { pick: string; add: string; remove: string; empty: string };
  testId: string;
  pageSize: number;
  /** The display-name cell (tags beside the name). */
  renderName?: (user: AdminUser) => ReactNode;
}

/** The users in a department or holding a role: pick one to add, take one out. */
export function MemberList({
  members,
  onAdd,
  onRemove,
  onChanged,
  texts,
  testId,
  pageSize,
  renderName,
}: MemberListProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async (call: () => Promise<void>) => {
    setBusy(true);
    try {
      await call();
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
    <>
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <UserPicker
          value={adding}
          onChange={(id) => setAdding(id)}
          placeholder={texts.pick}
          aria-label={texts.pick}
          testId={testId}
        />
        <Button
          type="primary"
          disabled={!adding}
          loading={busy}
          onClick={() => adding && void change(() => onAdd(adding))}
        >
          {texts.add}
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
          pagination={{ pageSize, hideOnSinglePage: true }}
          locale={{ emptyText: texts.empty }}
          columns={[
            { title: t('users.username'), dataIndex: 'username' },
            {
              title: t('users.displayName'),
              dataIndex: 'displayName',
              ...(renderName ? { render: (_: string, u: AdminUser) => renderName(u) } : {}),
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              width: 120,
              render: (_: unknown, u) => (
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => void change(() => onRemove(u.id))}
                >
                  {texts.remove}
                </Button>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
