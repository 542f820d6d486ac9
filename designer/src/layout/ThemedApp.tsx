import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';

const theme = {
  token: {
    colorPrimary: '#1668dc',
    // antd's default secondary greys fall under WCAG AA contrast (4.5:1) on white.
    colorTextSecondary: '#5c6573',
    colorTextTertiary: '#5c6573',
    colorTextDescription: '#5c6573',
    // So is its placeholder grey (select and input placeholders in forms and dialogs).
    colorTextPlaceholder: '#5c6573',
    // The default red (#ff4d4f) is 3.9:1 as text (danger buttons, field errors).
    colorError: '#cf1322',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    // Status tags put their colour as text on a light fill: darker text keeps WCAG AA.
    Tag: {
      colorInfo: '#0b4fb3',
      colorSuccess: '#2b6a0b',
      colorError: '#a8071a',
      colorWarning: '#8a4b00',
    },
  },
};

/** antd's theme and its own texts (pickers, empty states) in the chosen language. */
export function ThemedApp({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return (
    <ConfigProvider theme={theme} locale={language === 'zh' ? zhCN : enUS}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
