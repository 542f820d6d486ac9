import { Alert } from 'antd';
import { useI18n } from '../../../../i18n/useI18n';

/** The publish errors of the selected node or edge, above its settings. */
export function InspectorErrors({ errors }: { errors: string[] }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="inspector-errors"
      title={t('inspector.errors')}
      description={
        <ul className="plain-list">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
