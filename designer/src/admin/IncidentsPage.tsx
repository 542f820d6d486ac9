import { ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import type { Incident, IncidentFilter } from '@liuyun/client';
import { App, Button, Card, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { describeError } from '../common/error-message';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';

const FILTERS: IncidentFilter[] = ['open', 'resolved', 'all'];

/** `/admin/incidents`: failures that need a person, with retry (R6: visible in the UI). */
export default function IncidentsPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<IncidentFilter>('open');
  const [retrying, setRetrying] = useState<string | null>(null);
  const load = useCallback((signal: AbortSignal) => api.incidents(filter, signal), [filter]);
  const { data, error, loading, reload } = useQuery(load);

  const retry = async (incident: Incident) => {
    setRetrying(incident.id);
    try {
      await api.retryIncident(incident.id);
      void message.success(t('incidents.retried'));
      reload();
    } catch (failure) {
      void message.error(describeError(failure, t));
    } finally {
      setRetrying(null);
    }
  };

  return (
    <div className="page-wide" data-testid="incidents-page">
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('incidents.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('incidents.subtitle')}</Typography.Paragraph>
        </div>
        <Flex gap={8} align="center">
          <Segmented<IncidentFilter>
            value={filter}
            onChange={setFilter}
            options={FILTERS.map((f) => ({ value: f, label: t(`incidents.filter.${f}`) }))}
            aria-label={t('incidents.status')}
          />
          <Tooltip title={t('incidents.refresh')}>
            <Button
              icon={<ReloadOutlined />}
              onClick={reload}
              aria-label={t('incidents.refresh')}
            />
          </Tooltip>
        </Flex>
      </Flex>
      <Card className="panel">
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <Table<Incident>
            rowKey="id"
            loading={loading}
            dataSource={data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('incidents.empty') }}
            scroll={{ x: 800 }}
            columns={[
              {
                title: t('incidents.at'),
                dataIndex: 'createdAt',
                width: 170,
                render: (at: string) => formatDateTime(at),
              },
              {
                title: t('incidents.code'),
                dataIndex: 'code',
                width: 180,
                render: (code: string) => <Tag color="red">{code}</Tag>,
              },
              {
                title: t('incidents.message'),
                dataIndex: 'message',
                render: (text: string) => (
                  <Typography.Paragraph
                    ellipsis={{ rows: 2, expandable: true }}
                    style={{ margin: 0 }}
                  >
                    {text}
                  </Typography.Paragraph>
                ),
              },
              {
                title: t('incidents.record'),
                dataIndex: 'recordId',
                width: 120,
                render: (recordId: string | null, incident) =>
                  recordId ? (
                    <Link to={`/records/${encodeURIComponent(recordId)}`}>
                      {incident.nodeId ?? t('incidents.record')}
                    </Link>
                  ) : (
                    t('common.none')
                  ),
              },
              {
                title: t('incidents.status'),
                dataIndex: 'status',
                width: 110,
                render: (status: Incident['status']) => (
                  <Tag color={status === 'open' ? 'orange' : 'green'}>
                    {t(`incidents.status.${status}`)}
                  </Tag>
                ),
              },
              {
                title: '',
                key: 'retry',
                width: 110,
                render: (_: unknown, incident) =>
                  incident.status === 'open' ? (
                    <Tooltip title={incident.jobId ? undefined : t('incidents.noJob')}>
                      <Button
                        size="small"
                        icon={<RedoOutlined />}
                        disabled={!incident.jobId || retrying !== null}
                        loading={retrying === incident.id}
                        onClick={() => void retry(incident)}
                        data-testid={`retry-${incident.id}`}
                      >
                        {t('incidents.retry')}
                      </Button>
                    </Tooltip>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
