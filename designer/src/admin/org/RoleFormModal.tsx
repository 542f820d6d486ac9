import type { Role } from '@liuyun/client';
import { Form, Input, Modal } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { useApiCall } from '../common/useApiCall';

interface Values {
  key: string;
  zh: string;
  en: string;
}

const KEY = /^[a-z][a-z0-9_]*$/;

/** A new role (key and name in both languages), or a role's new name (the key stays). */
export function RoleFormModal({
  role,
  open,
  onClose,
  onSaved,
}: {
  role: Role | null;
  open: boolean;
  onClose: () => void;
  onSaved: (role: Role) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, failure, setFailure, attempt } = useApiCall();

  const save = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      const name = { zh: v.zh.trim(), en: v.en.trim() };
      onSaved(role ? await api.renameRole(role.id, name) : await api.createRole(v.key, name));
    });
  };

  return (
    <Modal
      open={open}
      title={role ? t('roles.editTitle', { key: role.key }) : t('roles.create')}
      okText={role ? t('admin.save') : t('roles.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => !visible && setFailure(null)}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="role-form"
        initialValues={role ? { key: role.key, zh: role.name.zh, en: role.name.en } : {}}
      >
        <Form.Item
          name="key"
          label={t('roles.key')}
          extra={role ? t('roles.keyFixed') : t('roles.keyHint')}
          rules={[
            { required: true, message: t('admin.required') },
            { pattern: KEY, message: t('roles.keyInvalid') },
          ]}
        >
          <Input disabled={role !== null} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="zh"
          label={t('roles.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="en"
          label={t('roles.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <ApiErrorAlert error={failure} testId="role-form-error" />
      </Form>
    </Modal>
  );
}
