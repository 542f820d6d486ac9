import type { RouteLatency } from '@liuyun/client';
import { Card, Table, Typography } from 'antd';
import { useI18n } from '../i18n/useI18n';

/** Requests per route of this process, with mean and 95th-percentile latency. */
export function RouteLatencyTable({ routes }: { routes: RouteLatency[] }) {
  const { t, formatNumber } = useI18n();
  const ms = (value: number) => t('ops.ms', { value: formatNumber(value, value < 10 ? 1 : 0) });
  return (
    <Card title={t('ops.http')} className="panel">
      <Table<RouteLatency>
        size="small"
        rowKey={(r) => `${r.method} ${r.route}`}
        dataSource={routes}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        data-testid="ops-http"
        columns={[
          { key: 'method', title: t('ops.http.method'), dataIndex: 'method', width: 90 },
          {
            key: 'route',
            title: t('ops.http.route'),
            dataIndex: 'route',
            render: (route: string) => <Typography.Text code>{route}</Typography.Text>,
          },
          {
            key: 'count',
            title: t('ops.http.count'),
            dataIndex: 'count',
            align: 'right',
            width: 110,
          },
          {
            key: 'mean',
            title: t('ops.http.mean'),
            dataIndex: 'meanMs',
            align: 'right',
            width: 120,
            render: (v: number) => ms(v),
          },
          {
            key: 'p95',
            title: t('ops.http.p95'),
            dataIndex: 'p95Ms',
            align: 'right',
            width: 140,
            render: (v: number | null) =>
              v === null ? t('ops.http.over', { value: ms(10_000) }) : `≤ ${ms(v)}`,
          },
          {
            key: 'errors',
            title: t('ops.http.errors'),
            dataIndex: 'errors',
            align: 'right',
            width: 120,
          },
        ]}
      />
    </Card>
  );
}
