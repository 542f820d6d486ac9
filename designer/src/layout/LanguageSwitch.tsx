import { Segmented } from 'antd';
import { api } from '../api/client';
import { useAuth } from '../auth/useAuth';
import type { Language } from '../i18n/language';
import { useI18n } from '../i18n/useI18n';

const options: { label: string; value: Language }[] = [
  { label: '中文', value: 'zh' },
  { label: 'EN', value: 'en' },
];

/** 中文 / EN; a signed-in user's choice is also saved on the server for their next sign-in. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const { user } = useAuth();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      options={options}
      value={language}
      onChange={(next) => {
        setLanguage(next);
        if (user) void api.savePreferences(next).catch(() => undefined);
      }}
    />
  );
}
