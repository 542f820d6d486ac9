import type { I18nValue } from '../i18n/i18n.context';

/** A duration in seconds as people read it: 42 s, 5 min, 3 h 20 min, 2 d 4 h (or 秒, 分钟…). */
export function formatDuration(seconds: number, t: I18nValue['t']): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('ops.unit.s', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('ops.unit.min', { n: m });
  const h = Math.floor(m / 60);
  if (h < 24) return `${t('ops.unit.h', { n: h })} ${t('ops.unit.min', { n: m % 60 })}`;
  return `${t('ops.unit.d', { n: Math.floor(h / 24) })} ${t('ops.unit.h', { n: h % 24 })}`;
}

export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}

/** A lag in seconds: 0 reads as 0 s, under a minute with one decimal. */
export function formatLag(
  seconds: number,
  t: I18nValue['t'],
  n: I18nValue['formatNumber'],
): string {
  if (seconds < 60) return t('ops.seconds', { value: n(seconds, seconds === 0 ? 0 : 1) });
  return formatDuration(seconds, t);
}
