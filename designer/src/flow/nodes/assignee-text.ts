import type { AssigneeSpec } from '@liuyun/definitions';
import type { I18nValue } from '../../i18n/i18n.context';

/** Who decides at an approval, in words: the people holding its tasks, else the rule. */
export function assigneeText(
  settings: { assignees: AssigneeSpec[]; mode?: 'any' | 'all' | 'sequential' | 'quorum' },
  assigneeNames: string[],
  t: I18nValue['t'],
): string {
  const mode = t(`flow.mode.${settings.mode ?? 'any'}`);
  const people =
    assigneeNames.length > 0
      ? assigneeNames
      : settings.assignees.map((spec) => {
          switch (spec.kind) {
            case 'user':
              return t('flow.assignee.user', { name: spec.username });
            case 'role':
              return t('flow.assignee.role', { role: spec.role });
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
