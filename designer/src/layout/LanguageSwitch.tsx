import { Segmented } from 'antd';
import type { Language } from '../i18n/language';
import { useI18n } from '../i18n/useI18n';

const options: { label: string; value: Language }[] = [
  { label: '中文', value: 'zh' },
  { label: 'EN', value: 'en' },
];

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      options={options}
      value={language}
      onChange={setLanguage}
    />
  );
}
