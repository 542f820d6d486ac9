import type { ChartData, ChartFailure, ChartRow } from '@liuyun/client';
import type { ChartDefinition } from '@liuyun/definitions';
import { Alert, Card, Empty, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../i18n/useI18n';
import { chartOption } from './chart-options';
import { formatChartValue } from './chart-format';
import EChart from './EChart';

const CHART_HEIGHT = 280;

function isFailure(result: ChartData | ChartFailure): result is ChartFailure {
  return 'error' in result;
}

/** One chart of a dashboard: a number, a table, or an ECharts drawing with its data as a table for screen readers. */
export function ChartCard({
  chart,
  result,
  loading,
}: {
  chart: ChartDefinition;
  result: ChartData | ChartFailure | undefined;
  loading?: boolean;
}) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const title = text(chart.title, chart.id);
  const data = result && !isFailure(result) ? result : undefined;
  const labels = useMemo(
    () => data?.rows.map((r) => text(r.label, r.key ?? '')) ?? [],
    [data, text],
  );
  const format = useMemo(
    () => (value: number | null) => formatChartValue(value, data?.unit ?? 'number', i18n),
    [data, i18n],
  );
  const option = useMemo(
    () =>
      data && chart.type !== 'number' && chart.type !== 'table'
        ? chartOption(chart.type, data, labels, format)
        : null,
    [chart.type, data, labels, format],
  );

  let body;
  if (result && isFailure(result)) {
    body = (
      <Alert
        type="warning"
        showIcon
        title={t('dash.chartBroken', { message: result.error.map((e) => e.message).join('; ') })}
      />
    );
  } else if (!data) {
    body = <div style={{ height: chart.type === 'number' ? 64 : CHART_HEIGHT }} />;
  } else if (chart.type === 'number') {
    const row = data.rows[0];
    body = (
      <div className="chart-number">
        <span className="chart-number-value" data-testid={`chart-value-${chart.id}`}>
          {format(row?.value ?? null)}
        </span>
        {row?.denominator !== undefined && (
          <Typography.Text type="secondary" className="chart-number-parts">
            {formatChartValue(row.numerator ?? 0, 'count', i18n)} /{' '}
            {formatChartValue(row.denominator ?? 0, 'count', i18n)}
          </Typography.Text>
        )}
      </div>
    );
  } else if (data.rows.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noData')} />;
  } else if (chart.type === 'table') {
    const ratio = data.rows.some((r) => r.denominator !== undefined);
    body = (
      <Table<ChartRow & { name: string }>
        size="small"
        pagination={false}
        rowKey={(r) => r.key ?? '∅'}
        dataSource={data.rows.map((r, i) => ({ ...r, name: labels[i] ?? '' }))}
        scroll={{ y: CHART_HEIGHT - 40 }}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('dash.table.group') },
          ...(ratio
            ? [
                {
                  key: 'n',
                  dataIndex: 'numerator',
                  title: t('dash.table.numerator'),
                  align: 'right' as const,
                },
                {
                  key: 'd',
                  dataIndex: 'denominator',
                  title: t('dash.table.denominator'),
                  align: 'right' as const,
                },
              ]
            : []),
          {
            key: 'value',
            title: t('dash.table.value'),
            align: 'right' as const,
            render: (_: unknown, r: ChartRow) => format(r.value),
          },
        ]}
      />
    );
  } else {
    body = (
      <>
        {option && <EChart option={option} height={CHART_HEIGHT} label={title} />}
        <table className="sr-only" data-testid={`chart-table-${chart.id}`}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.table.group')}</th>
              <th scope="col">{t('dash.table.value')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r, i) => (
              <tr key={r.key ?? '∅'}>
                <th scope="row">{labels[i]}</th>
                <td>{format(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }

  return (
    <Card
      className="panel chart-card"
      size="small"
      title={<span className="chart-title">{title}</span>}
      loading={loading && !data}
      data-testid={`chart-${chart.id}`}
    >
      {body}
      {data?.truncated && (
        <Typography.Text type="secondary" className="chart-note">
          {t('dash.truncated')}
        </Typography.Text>
      )}
    </Card>
  );
}
