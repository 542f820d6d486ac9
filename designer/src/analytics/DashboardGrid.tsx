import type { DashboardData } from '@liuyun/client';
import type { DashboardDefinition } from '@liuyun/definitions';
import { Col, Row } from 'antd';
import { ChartCard } from './ChartCard';

/** A dashboard's charts on a 24-column grid; on a phone numbers go two by two, charts full width. */
export function DashboardGrid({
  definition,
  data,
  loading,
}: {
  definition: DashboardDefinition;
  data: DashboardData | undefined;
  loading: boolean;
}) {
  const results = new Map((data?.charts ?? []).map((c) => [c.chartId, c]));
  return (
    <Row gutter={[16, 16]}>
      {definition.charts.map((chart) => {
        const span = chart.span ?? 12;
        return (
          <Col key={chart.id} xs={span < 12 ? 12 : 24} md={span < 12 ? 12 : span} xl={span}>
            <ChartCard chart={chart} result={results.get(chart.id)} loading={loading} />
          </Col>
        );
      })}
    </Row>
  );
}
