import type { Department } from '@liuyun/client';
import { Form, Input, Modal, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { useApiCall } from '../common/useApiCall';
import { UserPicker } from '../common/UserPicker';
import { departmentTreeData } from './department-tree';

interface Values {
  name: string;
  parentId?: string | null;
  headUserId?: string | null;
}

/** A new department: its name, where it sits, and (optionally) its head. */
export function DepartmentCreateModal({
  open,
  departments,
  parentId,
  onClose,
  onCreated,
}: {
  open: boolean;
  departments: Department[];
  parentId: string | null;
  onClose: () => void;
  onCreated: (d: Department) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, failure, setFailure, attempt } = useApiCall();

  const create = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      onCreated(
        await api.createDepartment({
          name: v.name.trim(),
          parentId: v.parentId ?? null,
          headUserId: v.headUserId ?? null,
        }),
      );
    });
  };

  return (
    <Modal
      open={open}
      title={t('depts.create')}
      okText={t('depts.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void create()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => !visible && setFailure(null)}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ parentId }}
        data-testid="department-create-form"
      >
        <Form.Item
          name="name"
          label={t('depts.name')}
          rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('depts.parent')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            treeData={departmentTreeData(departments)}
            placeholder={t('depts.topLevel')}
          />
        </Form.Item>
        <Form.Item name="headUserId" label={t('depts.head')}>
          <UserPicker activeOnly />
        </Form.Item>
        <ApiErrorAlert error={failure} testId="department-create-error" />
      </Form>
    </Modal>
  );
}
