import type { NotifyChannel } from '@liuyun/definitions';
import { Checkbox, Divider, Form } from 'antd';
import { useI18n } from '../../../../i18n/useI18n';
import { AssigneeListEditor } from '../AssigneeListEditor';
import { FieldPermissionMatrix } from '../FieldPermissionMatrix';
import { I18nTextInput } from '../I18nTextInput';
import { withOptional } from './optional-setting';
import type { NodeSettingsProps } from './settings-props';

const CHANNELS: NotifyChannel[] = ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'];

/** CC nodes: who reads along, and which fields they may see. */
export function CcNodeSettings({ node, form, set }: NodeSettingsProps<'cc'>) {
  const { t } = useI18n();
  const s = node.settings;
  return (
    <>
      <AssigneeListEditor
        label={t('inspector.recipients')}
        testId="recipients"
        form={form}
        value={s.recipients}
        onChange={(recipients) => set({ ...s, recipients }, 'recipients')}
      />
      <Divider size="small" />
      <FieldPermissionMatrix
        form={form}
        readOnlyNode
        value={s.fieldPermissions}
        onChange={(p) => set(withOptional(s, 'fieldPermissions', p), 'permissions')}
      />
    </>
  );
}

/** Notify steps: who is told what, on which channels. */
export function NotifyNodeSettings({ node, form, set }: NodeSettingsProps<'notify'>) {
  const { t } = useI18n();
  const s = node.settings;
  return (
    <>
      <AssigneeListEditor
        label={t('inspector.recipients')}
        testId="recipients"
        form={form}
        value={s.recipients}
        onChange={(recipients) => set({ ...s, recipients }, 'recipients')}
      />
      <I18nTextInput
        id="notify-message"
        label={t('inspector.message')}
        value={s.message}
        onChange={(message) => set({ ...s, message }, 'message')}
      />
      <Form.Item label={t('inspector.channels')}>
        <Checkbox.Group
          value={s.channels ?? []}
          options={CHANNELS.map((c) => ({ value: c, label: t(`inspector.channel.${c}`) }))}
          onChange={(channels) =>
            set(withOptional(s, 'channels', channels as NotifyChannel[]), 'channels')
          }
        />
      </Form.Item>
    </>
  );
}
