import type { Department } from '@liuyun/client';
import { Flex, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import { MemberList } from '../common/MemberList';

/** The users of one department; add one (moving them here) or take one out. */
export function DepartmentMembers({
  department,
  onChanged,
}: {
  department: Department;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const load = useCallback(
    (signal: AbortSignal) => api.adminUsers({ departmentId: department.id, limit: 500 }, signal),
    [department.id],
  );
  const members = useQuery(load);
  const move = async (userId: string, departmentId: string | null) => {
    await api.updateUser(userId, { departmentId });
  };

  return (
    <div data-testid="department-members">
      <Typography.Title level={5}>{t('depts.members')}</Typography.Title>
      <MemberList
        members={members}
        onAdd={(userId) => move(userId, department.id)}
        onRemove={(userId) => move(userId, null)}
        onChanged={onChanged}
        texts={{
          pick: t('depts.addMemberPick'),
          add: t('depts.addMember'),
          remove: t('depts.removeMember'),
          empty: t('depts.noMembers'),
        }}
        testId="department-add-member"
        pageSize={10}
        renderName={(u) => (
          <Flex gap={4} wrap>
            {u.displayName}
            {u.id === department.headUserId && <Tag color="processing">{t('depts.head')}</Tag>}
            {u.disabled && <Tag>{t('users.disabled')}</Tag>}
          </Flex>
        )}
      />
    </div>
  );
}
