import { useI18n } from '../i18n/useI18n';

/** What the colours on the canvas mean. */
export function FlowLegend() {
  const { t } = useI18n();
  return (
    <div className="flow-legend" aria-hidden="true">
      <span className="legend-item">
        <span className="legend-swatch is-active" />
        {t('flow.legend.active')}
      </span>
      <span className="legend-item">
        <span className="legend-swatch is-done" />
        {t('flow.legend.done')}
      </span>
      <span className="legend-item">
        <span className="legend-swatch is-idle" />
        {t('flow.legend.idle')}
      </span>
    </div>
  );
}
