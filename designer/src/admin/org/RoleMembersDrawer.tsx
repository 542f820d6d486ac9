import type { Role } from '@liuyun/client';
import { Drawer } from 'antd';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import { MemberList } from '../common/MemberList';

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
  const key = role?.key ?? null;
  const load = useCallback(
    (signal: AbortSignal) =>
      key ? api.adminUsers({ role: key, limit: 500 }, signal) : Promise.resolve(null),
    [key],
  );
  const members = useQuery(load);

  const change = async (userId: string, give: boolean) => {
    if (!key) return;
    // The user's roles as they are now, so a concurrent edit of another role is kept.
    const user = await api.adminUser(userId);
    const roles = give ? [...new Set([...user.roles, key])] : user.roles.filter((r) => r !== key);
    await api.updateUser(userId, { roles });
  };

  return (
    <Drawer
      open={role !== null}
      onClose={onClose}
      size={560}
      title={role ? t('roles.membersOf', { name: text(role.name) }) : ''}
      data-testid="role-members"
    >
      <MemberList
        members={members}
        onAdd={(userId) => change(userId, true)}
        onRemove={(userId) => change(userId, false)}
        onChanged={onChanged}
        texts={{
          pick: t('roles.addMemberPick'),
          add: t('roles.addMember'),
          remove: t('roles.removeMember'),
          empty: t('roles.noMembers'),
        }}
        testId="role-add-member"
        pageSize={15}
      />
    </Drawer>
  );
}
