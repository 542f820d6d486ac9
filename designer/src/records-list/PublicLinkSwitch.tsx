import { LinkOutlined } from '@ant-design/icons';
import { App, Button, Popover, Space, Switch, Typography } from 'antd';
import type { PublicLink } from '@liuyun/client';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';

/** Admins switch the form's public link (lead capture) on or off and copy it. */
export function PublicLinkSwitch({ formId }: { formId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [link, setLink] = useState<PublicLink | null>(null);
  useEffect(() => {
    api
      .publicLink(formId)
      .then((r) => setLink(r.link))
      .catch(() => setLink(null));
  }, [formId]);
  const url = link ? `${window.location.origin}${link.path}` : '';
  const toggle = async (enabled: boolean) => {
    try {
      setLink((await api.setPublicLink(formId, enabled)).link);
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };
  return (
    <Popover
      trigger="click"
      content={
        <Space direction="vertical" style={{ maxWidth: 320 }}>
          <Typography.Text>{t('records.publicLink.enable')}</Typography.Text>
          <Switch
            checked={link?.enabled ?? false}
            checkedChildren={t('records.publicLink.on')}
            unCheckedChildren={t('records.publicLink.off')}
            onChange={(v) => void toggle(v)}
            data-testid="public-link-switch"
          />
          {link?.enabled && (
            <Typography.Text
              copyable={{ text: url, tooltips: [t('records.publicLink.copy'), '✓'] }}
              data-testid="public-link-url"
            >
              {url}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <Button icon={<LinkOutlined />} data-testid="public-link-button">
        {t('records.publicLink')}
      </Button>
    </Popover>
  );
}
