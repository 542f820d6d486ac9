import { ApiError, type ValidationDetail } from '@liuyun/client';
import { Alert, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/useI18n';
import { apiErrorText, detailLines } from './api-error-text';

/**
 * A refused request said plainly: the message, the server's code, and every detail it
 * sent (which field, what is wrong). Text only: nothing the server sent becomes HTML.
 */
export function ApiErrorAlert({
  error,
  testId,
  detailText,
}: {
  error: unknown;
  testId?: string;
  /** Says a detail in the page's words (`/holidays/3 …` → `Holidays 2026-10-01 …`). */
  detailText?: (detail: ValidationDetail) => string;
}) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const lines = detailLines(error, detailText);
  const code = error instanceof ApiError && error.status !== 0 ? error.code : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId ?? 'api-error'}
      style={{ marginBottom: 16 }}
      title={
        <span>
          {apiErrorText(error, t)} {code && <Tag className="error-code">{code}</Tag>}
        </span>
      }
      description={
        lines.length > 0 ? (
          <ul className="plain-list">
            {lines.slice(0, 20).map((line, i) => (
              <li key={i}>
                <Typography.Text>{line}</Typography.Text>
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
