import type { NotificationChannel, NotificationPreferences } from '@liuyun/client';
import { App, Button, Checkbox, Flex, Input, Skeleton, Typography } from 'antd';
import { useCallback, useEffect, useId, useState } from 'react';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { describeError } from '../common/error-message';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';

const CHANNELS: NotificationChannel[] = ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Which channels the signed-in user gets notifications on (and the e-mail address). */
export function NotificationSettings() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => api.notificationPreferences(signal), []);
  const { data, error, reload } = useQuery(load);
  const [value, setValue] = useState<NotificationPreferences | null>(null);
  const [saving, setSaving] = useState(false);
  const emailId = useId();

  useEffect(() => {
    if (data) setValue(data);
  }, [data]);

  if (error && !data) return <ErrorState error={error} onRetry={reload} />;
  if (!value) return <Skeleton active />;

  const wantsEmail = value.channels.includes('email');
  const emailInvalid =
    wantsEmail && value.email !== undefined && value.email !== '' && !EMAIL.test(value.email);

  const save = async () => {
    setSaving(true);
    try {
      const email = value.email?.trim();
      const saved = await api.setNotificationPreferences({
        channels: value.channels,
        ...(email ? { email } : {}),
      });
      setValue(saved);
      void message.success(t('notifications.saved'));
    } catch (failure) {
      void message.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="notification-settings">
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('notifications.settingsTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('notifications.settingsHint')}
        </Typography.Paragraph>
      </div>
      <Checkbox.Group
        value={value.channels}
        onChange={(channels) => setValue({ ...value, channels: channels as NotificationChannel[] })}
      >
        <Flex vertical gap={8}>
          {CHANNELS.map((channel) => (
            <Checkbox key={channel} value={channel} data-testid={`channel-${channel}`}>
              {t(`notifications.channel.${channel}`)}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      {wantsEmail && (
        <div>
          <label htmlFor={emailId} className="field-label">
            {t('notifications.email')}
          </label>
          <Input
            id={emailId}
            type="email"
            value={value.email ?? ''}
            status={emailInvalid ? 'error' : undefined}
            onChange={(e) => setValue({ ...value, email: e.target.value })}
            maxLength={254}
          />
          {emailInvalid && (
            <Typography.Text type="danger">{t('notifications.emailInvalid')}</Typography.Text>
          )}
        </div>
      )}
      <Flex justify="flex-end">
        <Button type="primary" loading={saving} disabled={emailInvalid} onClick={() => void save()}>
          {t('notifications.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
