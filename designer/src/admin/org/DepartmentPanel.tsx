import type { Department, DepartmentBody } from '@liuyun/client';
import { App, Button, Divider, Flex, Form, Input, Popconfirm, TreeSelect, Typography } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { useApiCall } from '../common/useApiCall';
import { UserPicker } from '../common/UserPicker';
import { DepartmentMembers } from './DepartmentMembers';
import { departmentTreeData } from './department-tree';

interface Values {
  name: string;
  parentId: string | null;
  headUserId: string | null;
}

/** One department: rename, move, set its head, delete, and its members. */
export function DepartmentPanel({
  department,
  departments,
  onChanged,
  onDeleted,
}: {
  department: Department;
  departments: Department[];
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, failure, attempt } = useApiCall();

  const save = async () => {
    const v = await form.validateFields();
    const body: DepartmentBody = {};
    if (v.name.trim() !== department.name) body.name = v.name.trim();
    if ((v.parentId ?? null) !== department.parentId) body.parentId = v.parentId ?? null;
    if ((v.headUserId ?? null) !== department.headUserId) body.headUserId = v.headUserId ?? null;
    if (Object.keys(body).length === 0) return;
    await attempt(async () => {
      await api.updateDepartment(department.id, body);
      void message.success(t('admin.saved'));
      onChanged();
    });
  };

  const remove = () =>
    attempt(async () => {
      await api.deleteDepartment(department.id);
      void message.success(t('depts.deleted', { name: department.name }));
      onDeleted();
    });

  return (
    <div data-testid="department-panel">
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {department.name}
        </Typography.Title>
        <Popconfirm
          title={t('depts.deleteConfirm', { name: department.name })}
          okText={t('admin.delete')}
          cancelText={t('common.cancel')}
          onConfirm={remove}
        >
          <Button danger>{t('admin.delete')}</Button>
        </Popconfirm>
      </Flex>
      <Form<Values>
        key={`${department.id}:${department.name}:${department.parentId}:${department.headUserId}`}
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{
          name: department.name,
          parentId: department.parentId,
          headUserId: department.headUserId,
        }}
        data-testid="department-form"
        onFinish={() => void save()}
      >
        <Form.Item
          name="name"
          label={t('depts.name')}
          rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('depts.parent')} extra={t('depts.moveHint')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            treeData={departmentTreeData(departments, (d) => d.id === department.id)}
            placeholder={t('depts.topLevel')}
          />
        </Form.Item>
        <Form.Item name="headUserId" label={t('depts.head')}>
          <UserPicker activeOnly testId="department-head" />
        </Form.Item>
        <ApiErrorAlert error={failure} testId="department-error" />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('admin.save')}
        </Button>
      </Form>
      <Divider />
      <DepartmentMembers department={department} onChanged={onChanged} />
    </div>
  );
}
