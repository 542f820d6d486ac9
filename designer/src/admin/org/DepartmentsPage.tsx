import { PlusOutlined } from '@ant-design/icons';
import type { Department } from '@liuyun/client';
import { App, Button, Card, Col, Empty, Flex, Row, Tag, Tree, type TreeProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { useI18n } from '../../i18n/useI18n';
import { AdminPage } from '../common/AdminPage';
import { PageHeader } from '../common/PageHeader';
import { apiErrorText } from '../common/api-error-text';
import { useDepartments } from '../common/useDirectory';
import { DepartmentCreateModal } from './DepartmentCreateModal';
import { DepartmentPanel } from './DepartmentPanel';
import { departmentTreeData, type DepartmentNode } from './department-tree';

/** `/admin/departments`: the department tree; drag to move, pick one to edit it. */
export default function DepartmentsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const departments = useDepartments();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = departments.data ?? [];
  const current = list.find((d) => d.id === selected) ?? null;

  const onDrop: TreeProps<DepartmentNode>['onDrop'] = (info) => {
    const dragged = info.dragNode.department;
    // Dropped onto a node: below it. Dropped into a gap: beside it (its parent).
    const parentId = info.dropToGap ? info.node.department.parentId : info.node.department.id;
    if (parentId === dragged.parentId) return;
    api
      .updateDepartment(dragged.id, { parentId })
      .then(() => {
        void message.success(t('depts.moved', { name: dragged.name }));
        departments.reload();
      })
      .catch((error: unknown) => void message.error(apiErrorText(error, t)));
  };

  const title = (node: DepartmentNode) => (
    <span data-testid={`dept-node-${node.department.name}`}>
      {node.department.name}{' '}
      <Tag bordered={false}>{t('depts.memberCount', { count: node.department.memberCount })}</Tag>
    </span>
  );

  return (
    <AdminPage testId="departments-page">
      <PageHeader
        title={t('depts.title')}
        subtitle={t('depts.subtitle')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('depts.create')}
          </Button>
        }
      />
      {departments.error && !departments.data ? (
        <ErrorState error={departments.error} onRetry={departments.reload} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={9}>
            <Card
              className="panel"
              title={t('depts.tree')}
              loading={departments.loading && !departments.data}
            >
              {list.length === 0 ? (
                <Empty description={t('depts.empty')} />
              ) : (
                <Tree<DepartmentNode>
                  blockNode
                  draggable={{ icon: false }}
                  defaultExpandAll
                  treeData={departmentTreeData(list)}
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => setSelected(keys[0] ? String(keys[0]) : null)}
                  onDrop={onDrop}
                  titleRender={title}
                  aria-label={t('depts.tree')}
                  data-testid="department-tree"
                />
              )}
            </Card>
          </Col>
          <Col xs={24} md={15}>
            <Card className="panel">
              {current ? (
                <DepartmentPanel
                  key={current.id}
                  department={current}
                  departments={list}
                  onChanged={departments.reload}
                  onDeleted={() => {
                    setSelected(null);
                    departments.reload();
                  }}
                />
              ) : (
                <Flex justify="center">
                  <Empty description={t('depts.pick')} />
                </Flex>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <DepartmentCreateModal
        open={creating}
        departments={list}
        parentId={selected}
        onClose={() => setCreating(false)}
        onCreated={(d: Department) => {
          void message.success(t('depts.created', { name: d.name }));
          setCreating(false);
          setSelected(d.id);
          departments.reload();
        }}
      />
    </AdminPage>
  );
}
