import type {
  LookupDepartment,
  LookupRole,
  LookupUser,
  PermissionSet,
  PublishedForm,
} from '@liuyun/client';
import { App, Button, Drawer, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';
import { FormGrantTable } from './FormGrantTable';
import { draftOf, inputOf, type SetDraft } from './permission-set.draft';

export interface Directory {
  roles: LookupRole[];
  departments: LookupDepartment[];
  users: LookupUser[];
}

interface PermissionSetEditorProps {
  appKey: string;
  forms: PublishedForm[];
  directory: Directory;
  /** null: a new set. */
  set: PermissionSet | null;
  onClose: () => void;
  onSaved: () => void;
}

/** A drawer editing one permission set: its name, whom it is given to, and per form what. */
export function PermissionSetEditor({
  appKey,
  forms,
  directory,
  set,
  onClose,
  onSaved,
}: PermissionSetEditorProps) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<SetDraft>(() => draftOf(set));
  const [saving, setSaving] = useState(false);
  const patch = (p: Partial<SetDraft>) => setDraft((d) => ({ ...d, ...p }));

  const save = async () => {
    const built = inputOf(draft);
    if ('badFilters' in built) {
      void message.error(t('perms.filter.notJson'));
      return;
    }
    setSaving(true);
    try {
      const saved = set
        ? await api.updatePermissionSet(appKey, set.id, built.input)
        : await api.createPermissionSet(appKey, built.input);
      const fallbacks = saved.rowFilterFallbacks ?? [];
      if (fallbacks.length > 0)
        void message.warning(
          t('perms.filter.fallback', {
            details: fallbacks.map((f) => `${f.form} (${f.unsupported.join(', ')})`).join('; '),
          }),
        );
      else void message.success(t('perms.saved'));
      onSaved();
    } catch (failure) {
      void message.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width="min(1100px, 100vw)"
      title={set ? t('perms.edit', { name: text(set.name) }) : t('perms.new')}
      onClose={onClose}
      data-testid="permission-set-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('perms.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="permission-set-save">
            {t('perms.save')}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical">
        <Flex gap={12} wrap>
          <Form.Item label={t('perms.key')} style={{ minWidth: 200 }}>
            <Input
              value={draft.key}
              onChange={(e) => patch({ key: e.target.value })}
              data-testid="permission-set-key"
            />
          </Form.Item>
          <Form.Item label={t('perms.nameZh')} style={{ minWidth: 220 }}>
            <Input
              value={draft.nameZh}
              onChange={(e) => patch({ nameZh: e.target.value })}
              data-testid="permission-set-name-zh"
            />
          </Form.Item>
          <Form.Item label={t('perms.nameEn')} style={{ minWidth: 220 }}>
            <Input
              value={draft.nameEn}
              onChange={(e) => patch({ nameEn: e.target.value })}
              data-testid="permission-set-name-en"
            />
          </Form.Item>
        </Flex>
        <Typography.Title level={5}>{t('perms.assignedTo')}</Typography.Title>
        <Flex gap={12} wrap>
          <Form.Item label={t('perms.roles')} style={{ flex: 1, minWidth: 240 }}>
            <Select
              mode="multiple"
              value={draft.roles}
              onChange={(roles) => patch({ roles })}
              options={directory.roles.map((r) => ({ value: r.key, label: text(r.name, r.key) }))}
              optionFilterProp="label"
              data-testid="permission-set-roles"
            />
          </Form.Item>
          <Form.Item label={t('perms.departments')} style={{ flex: 1, minWidth: 240 }}>
            <Select
              mode="multiple"
              value={draft.departments}
              onChange={(departments) => patch({ departments })}
              options={directory.departments.map((d) => ({ value: d.id, label: d.name }))}
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item label={t('perms.users')} style={{ flex: 1, minWidth: 240 }}>
            <Select
              mode="multiple"
              value={draft.users}
              onChange={(users) => patch({ users })}
              options={directory.users.map((u) => ({
                value: u.id,
                label: u.displayName || u.username,
              }))}
              optionFilterProp="label"
            />
          </Form.Item>
        </Flex>
        <Typography.Title level={5}>{t('perms.forms')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('perms.forms.hint')}</Typography.Paragraph>
        <FormGrantTable
          forms={forms}
          grants={draft.forms}
          onChange={(key, grant) =>
            setDraft((d) => ({ ...d, forms: { ...d.forms, [key]: grant } }))
          }
        />
      </Form>
    </Drawer>
  );
}
