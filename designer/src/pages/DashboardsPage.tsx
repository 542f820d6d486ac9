import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { DashboardSummary } from '@liuyun/client';
import { Button, Empty, Flex, Select, Typography } from 'antd';
import { useCallback } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { DashboardGrid } from '../analytics/DashboardGrid';
import { useAuth } from '../auth/useAuth';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';

interface Listed extends DashboardSummary {
  appName: string;
}

function DashboardBody({ id }: { id: string }) {
  const { t, formatDateTime } = useI18n();
  const loadDefinition = useCallback((signal: AbortSignal) => api.dashboard(id, signal), [id]);
  const loadData = useCallback((signal: AbortSignal) => api.dashboardData(id, signal), [id]);
  const definition = useQuery(loadDefinition);
  const data = useQuery(loadData);

  if (definition.error) return <ErrorState error={definition.error} onRetry={definition.reload} />;
  if (!definition.data) return <PageLoading />;
  return (
    <>
      <Flex align="center" justify="space-between" wrap gap={8} className="dash-status">
        <Typography.Text type="secondary" data-testid="dashboard-as-of">
          {data.data ? t('dash.updatedAt', { time: formatDateTime(data.data.at) }) : ' '}
        </Typography.Text>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            data.reload();
            definition.reload();
          }}
          loading={data.loading}
        >
          {t('dash.refresh')}
        </Button>
      </Flex>
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null}
      <DashboardGrid
        definition={definition.data.definition}
        data={data.data}
        loading={data.loading}
      />
    </>
  );
}

/** `/dashboards/:id`: one dashboard's charts, with a picker of every dashboard of every app. */
export default function DashboardsPage() {
  const { id } = useParams();
  const { user } = useAuth();
  const { t, text } = useI18n();
  const navigate = useNavigate();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const apps = await api.apps(signal);
      const lists = await Promise.all(apps.map((a) => api.dashboards(a.key, signal)));
      return {
        apps,
        dashboards: lists.flatMap((list, i) =>
          list.map((d): Listed => ({ ...d, appName: text(apps[i]?.name, d.appKey) })),
        ),
      };
    },
    [text],
  );
  const { data, error, reload } = useQuery(load);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const first = data.dashboards[0];
  if (!id && first) return <Navigate to={`/dashboards/${first.id}`} replace />;
  const firstApp = data.apps[0];

  return (
    <div className="page-wide">
      <Flex align="center" justify="space-between" wrap gap={12} className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dash.title')}
        </Typography.Title>
        <Flex gap={8} wrap align="center">
          {data.dashboards.length > 0 && (
            <Select
              aria-label={t('dash.choose')}
              className="dash-picker"
              value={id}
              onChange={(next: string) => navigate(`/dashboards/${next}`)}
              options={data.dashboards.map((d) => ({
                value: d.id,
                label: `${text(d.name, d.key)} · ${d.appName}`,
              }))}
              data-testid="dashboard-picker"
            />
          )}
          {user?.isAdmin && id && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/dashboards/${id}/edit`)}>
              {t('dash.edit')}
            </Button>
          )}
          {user?.isAdmin && firstApp && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => navigate(`/dashboards/new?app=${encodeURIComponent(firstApp.key)}`)}
            >
              {t('dash.new')}
            </Button>
          )}
        </Flex>
      </Flex>
      {id ? (
        <DashboardBody key={id} id={id} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.none')} />
      )}
    </div>
  );
}
