import type { I18nText } from '@liuyun/definitions';
import { Flex, Form, Input } from 'antd';
import { useI18n } from '../../../i18n/useI18n';

export interface I18nTextInputProps {
  id: string;
  label: string;
  value: I18nText | undefined;
  onChange: (value: I18nText) => void;
  required?: boolean;
}

/** A text in both languages: Chinese and English side by side. */
export function I18nTextInput({ id, label, value, onChange, required }: I18nTextInputProps) {
  const { t } = useI18n();
  const current = value ?? { zh: '', en: '' };
  return (
    <Form.Item label={label} required={required} style={{ marginBottom: 12 }}>
      <Flex gap={8}>
        <Input
          id={`${id}-zh`}
          aria-label={`${label} (${t('lang.zh')})`}
          addonBefore="中"
          value={current.zh}
          onChange={(e) => onChange({ ...current, zh: e.target.value })}
        />
        <Input
          id={`${id}-en`}
          aria-label={`${label} (${t('lang.en')})`}
          addonBefore="EN"
          value={current.en}
          onChange={(e) => onChange({ ...current, en: e.target.value })}
        />
      </Flex>
    </Form.Item>
  );
}
