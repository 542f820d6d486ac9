import type { ChartData } from '@liuyun/client';
import type { ChartType } from '@liuyun/definitions';
import type { EChartsCoreOption } from 'echarts/core';

const PALETTE = ['#1668dc', '#36cfc9', '#faad14', '#f5222d', '#722ed1', '#52c41a', '#eb2f96'];

/** The ECharts option for a bar, line, pie or funnel chart of this data. */
export function chartOption(
  type: Exclude<ChartType, 'number' | 'table'>,
  data: ChartData,
  labels: string[],
  format: (value: number | null) => string,
): EChartsCoreOption {
  const values = data.rows.map((r) => r.value ?? 0);
  const tooltip = {
    trigger: type === 'pie' || type === 'funnel' ? 'item' : 'axis',
    valueFormatter: (v: number) => format(v),
  };
  const base = { color: PALETTE, aria: { enabled: true }, tooltip, animation: false };
  if (type === 'pie' || type === 'funnel') {
    const items = data.rows.map((r, i) => ({ name: labels[i] ?? '', value: r.value ?? 0 }));
    return {
      ...base,
      legend: { bottom: 0, type: 'scroll' },
      series: [
        type === 'pie'
          ? {
              type: 'pie',
              radius: ['38%', '66%'],
              center: ['50%', '44%'],
              data: items,
              label: { formatter: '{b}: {c}' },
            }
          : {
              type: 'funnel',
              left: '10%',
              width: '80%',
              top: 10,
              bottom: 40,
              sort: 'none',
              data: items,
              label: { position: 'inside', formatter: '{b}: {c}' },
            },
      ],
    };
  }
  return {
    ...base,
    grid: { left: 12, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { interval: 0, hideOverlap: true },
    },
    // Counts have whole ticks only (no "1, 1, 2, 2" from rounded halves).
    yAxis: {
      type: 'value',
      ...(data.unit === 'count' ? { minInterval: 1 } : {}),
      axisLabel: { formatter: (v: number) => format(v) },
    },
    series: [
      {
        type,
        data: values,
        barMaxWidth: 48,
        smooth: type === 'line',
        label: {
          show: data.rows.length <= 12,
          position: 'top',
          formatter: ({ value }: { value: number }) => format(value),
        },
      },
    ],
  };
}
