import { ReloadOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { AppTransferCard } from './AppTransferCard';
import { FiguresOverview } from './FiguresOverview';
import { RouteLatencyTable } from './RouteLatencyTable';

const REFRESH_MS = 15_000;

/** Administrators: the figures of /metrics (refreshed every 15 s), and app export/import. */
export default function OperationsPage() {
  const { t, formatDateTime } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.operationsFigures(signal), []);
  const { data, error, loading, reload } = useQuery(load);
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <Flex vertical gap={20}>
      <Flex align="center" justify="space-between" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('ops.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('ops.subtitle')}</Typography.Text>
        </div>
        <Flex align="center" gap={12}>
          {data && (
            <Typography.Text type="secondary" data-testid="ops-updated">
              {t('ops.updatedAt', { time: formatDateTime(data.at) })}
            </Typography.Text>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={reload}
            loading={loading && data !== undefined}
          >
            {t('ops.refresh')}
          </Button>
        </Flex>
      </Flex>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <FiguresOverview figures={data} />
          </Col>
          <Col span={24}>
            <RouteLatencyTable routes={data.http} />
          </Col>
        </Row>
      )}
      <AppTransferCard />
    </Flex>
  );
}
