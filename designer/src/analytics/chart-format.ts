import type { ChartUnit } from '@liuyun/client';
import type { I18nValue } from '../i18n/i18n.context';

/** A chart value as people read it in the current language: 12, 1,234.50, 37.5%, 6.2 h. */
export function formatChartValue(
  value: number | null | undefined,
  unit: ChartUnit,
  i18n: Pick<I18nValue, 'formatNumber' | 't'>,
): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'count':
      return i18n.formatNumber(Math.round(value), 0);
    case 'money':
      return i18n.formatNumber(value, 2);
    case 'percent':
      return `${i18n.formatNumber(value, 1)}%`;
    case 'hours':
      return i18n.t('dash.unit.hours', {
        value: i18n.formatNumber(value, Math.abs(value) < 1 && value !== 0 ? 2 : 1),
      });
    default:
      return i18n.formatNumber(Math.round(value * 100) / 100);
  }
}
