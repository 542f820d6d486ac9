import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/useI18n';

/** Back to the workspace; every inner page starts with it. */
export function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/" className="back-link">
      <ArrowLeftOutlined aria-hidden="true" /> {t('common.back')}
    </Link>
  );
}
