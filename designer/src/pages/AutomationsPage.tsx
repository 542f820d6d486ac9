import '../styles/builder.css';
import { PlusOutlined } from '@ant-design/icons';
import type { Automation } from '@liuyun/client';
import { App, Button, Drawer, Flex, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { AutomationEditor } from '../builder/automation/AutomationEditor';
import { AutomationRuns } from '../builder/automation/AutomationRuns';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';

/** `/build/apps/:appKey/automations`: the app's automations (智能助手), each editable, with its runs. */
export default function AutomationsPage() {
  const { appKey = '' } = useParams();
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const apps = await api.apps(signal);
      const app = apps.find((a) => a.key === appKey);
      if (!app) throw new Error(appKey);
      return { app, automations: await api.automations(appKey, signal) };
    },
    [appKey],
  );
  const { data, error, reload } = useQuery(load);
  const [editing, setEditing] = useState<Automation | 'new' | null>(null);
  const [runsOf, setRunsOf] = useState<Automation | null>(null);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;

  const toggle = async (a: Automation, enabled: boolean) => {
    try {
      await api.updateAutomation(a.id, { name: a.name, enabled, trigger: a.trigger, flow: a.flow });
      reload();
    } catch (failure) {
      void message.error(describeError(failure, t));
    }
  };

  return (
    <div className="page-wide" data-testid="automations-page">
      <Link to="/build" className="back-link">
        ← {t('builder.apps')}
      </Link>
      <Flex justify="space-between" align="center" style={{ margin: '8px 0 16px' }} wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('automation.titleOf', { app: text(data.app.name, data.app.key) })}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="new-automation"
        >
          {t('automation.new')}
        </Button>
      </Flex>
      <Table
        rowKey="id"
        dataSource={data.automations}
        pagination={false}
        locale={{ emptyText: t('automation.empty') }}
        columns={[
          {
            title: t('inspector.name'),
            dataIndex: 'name',
            render: (n: Automation['name'], a) => (
              <span data-testid={`automation-${a.key}`}>{text(n, a.key)}</span>
            ),
          },
          {
            title: t('automation.triggerKind'),
            key: 'trigger',
            render: (_: unknown, a: Automation) => (
              <Tag>{t(`automation.kind.${a.trigger.kind}`)}</Tag>
            ),
          },
          {
            title: t('automation.enabled'),
            key: 'enabled',
            render: (_: unknown, a: Automation) => (
              <Switch
                aria-label={t('automation.enabledOf', { name: text(a.name, a.key) })}
                checked={a.enabled}
                onChange={(on) => void toggle(a, on)}
              />
            ),
          },
          { title: t('automation.revision'), dataIndex: 'revision' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, a: Automation) => (
              <Space>
                <Button size="small" onClick={() => setEditing(a)}>
                  {t('automation.edit')}
                </Button>
                <Button size="small" onClick={() => setRunsOf(a)}>
                  {t('automation.runs')}
                </Button>
                <Popconfirm
                  title={t('automation.deleteConfirm')}
                  okText={t('automation.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    await api.deleteAutomation(a.id);
                    reload();
                  }}
                >
                  <Button size="small" danger>
                    {t('automation.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={editing !== null}
        size={720}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('automation.new') : t('automation.edit')}
        destroyOnHidden
      >
        {editing !== null && (
          <AutomationEditor
            app={data.app}
            automation={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void message.success(t('automation.saved'));
              reload();
            }}
          />
        )}
      </Drawer>
      <Drawer
        open={runsOf !== null}
        size={720}
        onClose={() => setRunsOf(null)}
        title={runsOf ? t('automation.runsOf', { name: text(runsOf.name, runsOf.key) }) : ''}
        destroyOnHidden
      >
        {runsOf && <AutomationRuns automationId={runsOf.id} />}
      </Drawer>
    </div>
  );
}
