import type { AdminUser, CreateUserBody, Department, Role, UpdateUserBody } from '@liuyun/client';
import { Button, Form, Input, Modal, Select, Space, Switch, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { useApiCall } from '../common/useApiCall';
import { departmentTreeData } from '../org/department-tree';
import { generatePassword } from './generate-password';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  email?: string;
  departmentId?: string | null;
  roles: string[];
  isAdmin: boolean;
}

export interface UserFormModalProps {
  /** The user to edit; null creates one. */
  user: AdminUser | null;
  open: boolean;
  departments: Department[];
  roles: Role[];
  onClose: () => void;
  onSaved: (user: AdminUser) => void;
}

/** Create a user, or edit one's name, e-mail, department, roles and administrator right. */
export function UserFormModal({
  user,
  open,
  departments,
  roles,
  onClose,
  onSaved,
}: UserFormModalProps) {
  const { t, text } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, failure, setFailure, attempt } = useApiCall();
  const creating = user === null;

  const save = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      const common = {
        displayName: v.displayName,
        email: v.email ? v.email : null,
        departmentId: v.departmentId ?? null,
        roles: v.roles,
        isAdmin: v.isAdmin,
      };
      const saved = creating
        ? await api.createUser({
            ...common,
            username: v.username,
            password: v.password ?? '',
          } satisfies CreateUserBody)
        : await api.updateUser(user.id, common satisfies UpdateUserBody);
      onSaved(saved);
    });
  };

  return (
    <Modal
      open={open}
      title={creating ? t('users.create') : t('users.editTitle', { name: user.username })}
      okText={creating ? t('users.createOk') : t('admin.save')}
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
        data-testid="user-form"
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                email: user.email ?? '',
                departmentId: user.departmentId,
                roles: user.roles,
                isAdmin: user.isAdmin,
              }
            : { roles: [], isAdmin: false }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={creating ? t('users.usernameHint') : undefined}
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <Input disabled={!creating} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <Input />
        </Form.Item>
        {creating && (
          <Form.Item label={t('users.password')} required extra={t('users.passwordHint')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="password"
                noStyle
                rules={[{ required: true, message: t('admin.required') }]}
              >
                <Input.Password
                  autoComplete="new-password"
                  aria-label={t('users.password')}
                  visibilityToggle
                />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('password', generatePassword())}>
                {t('users.generate')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item name="email" label={t('users.email')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            treeData={departmentTreeData(departments)}
            placeholder={t('users.noDepartment')}
          />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')}>
          <Select
            mode="multiple"
            options={roles.map((r) => ({ value: r.key, label: `${text(r.name)} (${r.key})` }))}
          />
        </Form.Item>
        <Form.Item name="isAdmin" label={t('users.isAdmin')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <ApiErrorAlert error={failure} testId="user-form-error" />
      </Form>
    </Modal>
  );
}
