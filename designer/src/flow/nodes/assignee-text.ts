import type { AssigneeSpec, DeadlineSettings } from '@liuyun/definitions';
import type { I18nValue } from '../../i18n/i18n.context';
import type { DirectoryNames } from '../directory-names';

/** Who decides at an approval, in words: the people holding its tasks, else the rule. */
export function assigneeText(
  settings: { assignees: AssigneeSpec[]; mode?: 'any' | 'all' | 'sequential' | 'quorum' },
  assigneeNames: string[],
  t: I18nValue['t'],
  names?: DirectoryNames,
): string {
  const mode = t(`flow.mode.${settings.mode ?? 'any'}`);
  const people =
    assigneeNames.length > 0
      ? assigneeNames
      : settings.assignees.map((spec) => {
          switch (spec.kind) {
            case 'user':
              return t('flow.assignee.user', {
                name: names?.userName(spec.username) ?? spec.username,
              });
            case 'role':
              return t('flow.assignee.role', { role: names?.roleName(spec.role) ?? spec.role });
            case 'department_head':
              return spec.levels <= 1
                ? t('flow.assignee.departmentHead')
                : t('flow.assignee.departmentHeadUp', { levels: spec.levels });
            case 'submitter':
              return t('flow.assignee.submitter');
            case 'field':
              return t('flow.assignee.field', { field: spec.field });
          }
          return '';
        });
  const list = people.filter(Boolean).join(', ');
  return people.length > 1 ? `${list} · ${mode}` : list;
}

/** A task node's deadline in words: working hours and what happens then. */
export function deadlineText(
  deadline: DeadlineSettings | undefined,
  t: I18nValue['t'],
): string | undefined {
  if (!deadline) return undefined;
  return t('flow.deadline', {
    hours: deadline.hours,
    action: t(`flow.deadline.${deadline.action}`),
  });
}
