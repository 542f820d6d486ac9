import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/useI18n';

/** The logo and name; a link home. */
export function BrandMark() {
  const { t } = useI18n();
  return (
    <Link to="/" className="brand" aria-label={t('app.name')}>
      <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#1668dc" />
        <path
          d="M7 19c3-6 7-6 9-3s6 3 9-3"
          stroke="#fff"
          strokeWidth="3"
          fill="none"
          strokeLinecap="round"
        />
      </svg>
      <span className="brand-name">{t('app.name')}</span>
    </Link>
  );
}
