import type { ApprovalSettings, AssigneeSpec, OptionalTaskAction } from '@liuyun/definitions';
import { Checkbox, Divider, Form, InputNumber, Radio, Select } from 'antd';
import { useI18n } from '../../../../i18n/useI18n';
import { AssigneeListEditor } from '../AssigneeListEditor';
import { DeadlineEditor } from '../DeadlineEditor';
import { FieldPermissionMatrix } from '../FieldPermissionMatrix';
import { withOptional } from './optional-setting';
import type { NodeSettingsProps } from './settings-props';

const OPTIONAL_ACTIONS: OptionalTaskAction[] = ['return', 'transfer', 'add_signer'];

/** Approval and fill-in nodes: who, how they decide, what happens when nobody resolves. */
export function TaskNodeSettings({ node, form, set }: NodeSettingsProps<'approval' | 'fill'>) {
  const { t } = useI18n();
  const s = node.settings;
  const modes =
    node.type === 'approval'
      ? (['any', 'all', 'sequential', 'quorum'] as const)
      : (['any', 'all', 'sequential'] as const);
  const quorum = node.type === 'approval' ? node.settings.quorum : undefined;
  return (
    <>
      <AssigneeListEditor
        label={t('inspector.assignees')}
        testId="assignees"
        form={form}
        value={s.assignees}
        onChange={(assignees: AssigneeSpec[]) => set({ ...s, assignees }, 'assignees')}
      />
      <Form.Item label={t('inspector.mode')} style={{ margin: '12px 0' }}>
        <Radio.Group
          aria-label={t('inspector.mode')}
          value={s.mode}
          onChange={(e) => {
            const mode = e.target.value as ApprovalSettings['mode'];
            const next = { ...s, mode } as ApprovalSettings;
            if (mode === 'quorum') next.quorum ??= { count: 1 };
            else delete next.quorum;
            set(next, 'mode');
          }}
          options={modes.map((m) => ({ value: m, label: t(`inspector.mode.${m}`) }))}
        />
      </Form.Item>
      {node.type === 'approval' && s.mode === 'quorum' && (
        <Form.Item label={t('inspector.quorum')} htmlFor="quorum-count">
          <InputNumber
            id="quorum-count"
            min={1}
            value={quorum && 'count' in quorum ? quorum.count : 1}
            onChange={(count) => set({ ...s, quorum: { count: count ?? 1 } }, 'quorum')}
          />
        </Form.Item>
      )}
      <Form.Item label={t('inspector.emptyPolicy')} htmlFor="empty-policy">
        <Select
          id="empty-policy"
          value={s.emptyPolicy ?? 'error'}
          options={(['error', 'skip', 'admin'] as const).map((p) => ({
            value: p,
            label: t(`inspector.empty.${p}`),
          }))}
          onChange={(emptyPolicy: 'skip' | 'admin' | 'error') =>
            set({ ...s, emptyPolicy }, 'empty')
          }
        />
      </Form.Item>
      <DeadlineEditor
        form={form}
        value={s.deadline}
        onChange={(deadline) => set(withOptional(s, 'deadline', deadline), 'deadline')}
      />
      <Divider size="small" />
      <Form.Item label={t('inspector.actions')}>
        <Checkbox.Group
          value={s.allowedActions ?? OPTIONAL_ACTIONS}
          options={OPTIONAL_ACTIONS.map((a) => ({ value: a, label: t(`inspector.action.${a}`) }))}
          onChange={(allowedActions) =>
            set({ ...s, allowedActions: allowedActions as OptionalTaskAction[] }, 'actions')
          }
        />
      </Form.Item>
      <FieldPermissionMatrix
        form={form}
        value={s.fieldPermissions}
        onChange={(p) => set(withOptional(s, 'fieldPermissions', p), 'permissions')}
      />
    </>
  );
}
