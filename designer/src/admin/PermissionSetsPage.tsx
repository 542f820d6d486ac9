import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { PermissionSet, PublishedForm } from '@liuyun/client';
import { App, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { describeError } from '../common/error-message';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { PermissionSetEditor, type Directory } from './PermissionSetEditor';

interface AppData {
  sets: PermissionSet[];
  forms: PublishedForm[];
  directory: Directory;
}

/** `/admin/permissions`: the permission sets of each app, and the editor of one. */
export default function PermissionSetsPage() {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const apps = useQuery(useCallback((signal: AbortSignal) => api.apps(signal), []));
  const [chosen, setChosen] = useState<string | null>(null);
  const appKey = chosen ?? apps.data?.[0]?.key ?? null;
  const [editing, setEditing] = useState<PermissionSet | 'new' | null>(null);

  const load = useCallback(
    async (signal: AbortSignal): Promise<AppData | null> => {
      const app = apps.data?.find((a) => a.key === appKey);
      if (!app) return null;
      const [sets, forms, roles, departments, users] = await Promise.all([
        api.listPermissionSets(app.key, signal),
        Promise.all(app.forms.map((f) => api.form(f.id, signal))),
        api.lookupRoles(signal),
        api.lookupDepartments(signal),
        api.lookupUsers('', signal),
      ]);
      return { sets, forms, directory: { roles, departments, users } };
    },
    [apps.data, appKey],
  );
  const data = useQuery(load);

  const remove = async (set: PermissionSet) => {
    try {
      await api.deletePermissionSet(set.appKey, set.id);
      void message.success(t('perms.deleted'));
      data.reload();
    } catch (failure) {
      void message.error(describeError(failure, t));
    }
  };

  const subjectLabel = (d: AppData, type: string, subject: string): string => {
    if (type === 'role')
      return text(d.directory.roles.find((r) => r.key === subject)?.name, subject);
    if (type === 'department')
      return d.directory.departments.find((x) => x.id === subject)?.name ?? subject;
    const u = d.directory.users.find((x) => x.id === subject);
    return u ? u.displayName || u.username : subject;
  };

  const error = apps.error ?? data.error;
  return (
    <div className="page-wide" data-testid="permission-sets-page">
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('perms.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('perms.subtitle')}</Typography.Paragraph>
        </div>
        <Space wrap>
          <Select
            value={appKey ?? undefined}
            onChange={setChosen}
            style={{ minWidth: 200 }}
            aria-label={t('perms.app')}
            options={(apps.data ?? []).map((a) => ({ value: a.key, label: text(a.name, a.key) }))}
            data-testid="permission-sets-app"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!data.data}
            onClick={() => setEditing('new')}
            data-testid="permission-set-new"
          >
            {t('perms.new')}
          </Button>
        </Space>
      </Flex>
      <Card className="panel">
        {error && !data.data ? (
          <ErrorState error={error} onRetry={data.reload} />
        ) : (
          <Table<PermissionSet>
            rowKey="id"
            loading={apps.loading || data.loading}
            dataSource={data.data?.sets ?? []}
            pagination={false}
            locale={{ emptyText: <Typography.Text>{t('perms.empty')}</Typography.Text> }}
            scroll={{ x: 800 }}
            columns={[
              {
                title: t('perms.name'),
                key: 'name',
                render: (_, s) => <strong>{text(s.name, s.key)}</strong>,
              },
              { title: t('perms.key'), dataIndex: 'key', width: 160 },
              {
                title: t('perms.forms'),
                key: 'forms',
                render: (_, s) =>
                  Object.keys(s.forms).map((k) => {
                    const form = data.data?.forms.find((f) => f.key === k);
                    return <Tag key={k}>{form ? text(form.name, k) : k}</Tag>;
                  }),
              },
              {
                title: t('perms.assignedTo'),
                key: 'assignments',
                render: (_, s) =>
                  s.assignments.map((a) => (
                    <Tag
                      key={`${a.type}:${a.subject}`}
                      color={a.type === 'role' ? 'blue' : a.type === 'user' ? 'green' : 'purple'}
                    >
                      {data.data ? subjectLabel(data.data, a.type, a.subject) : a.subject}
                    </Tag>
                  )),
              },
              {
                title: '',
                key: 'actions',
                width: 110,
                render: (_, s) => (
                  <Space>
                    <Button
                      icon={<EditOutlined />}
                      aria-label={t('perms.editButton')}
                      onClick={() => setEditing(s)}
                      data-testid={`permission-set-edit-${s.key}`}
                    />
                    <Popconfirm title={t('perms.deleteConfirm')} onConfirm={() => void remove(s)}>
                      <Button danger icon={<DeleteOutlined />} aria-label={t('perms.delete')} />
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {editing && data.data && appKey && (
        <PermissionSetEditor
          appKey={appKey}
          forms={data.data.forms}
          directory={data.data.directory}
          set={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            data.reload();
          }}
        />
      )}
    </div>
  );
}
