import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/useI18n';

/** Back to the workspace (or to `to`); every inner page starts with it. */
export function BackLink({ to = '/' }: { to?: string }) {
  const { t } = useI18n();
  return (
    <Link to={to} className="back-link">
      <ArrowLeftOutlined aria-hidden="true" /> {t('common.back')}
    </Link>
  );
}
