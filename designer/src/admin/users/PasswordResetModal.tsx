import type { AdminUser } from '@liuyun/client';
import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { useApiCall } from '../common/useApiCall';
import { generatePassword } from './generate-password';

type Mode = 'generate' | 'set';

/**
 * Resets a user's password: a generated one-time password shown once, or one the
 * administrator types. Either way the user's sessions end.
 */
export function PasswordResetModal({
  user,
  onClose,
}: {
  user: AdminUser | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ mode: Mode; password?: string }>();
  const { busy, failure, setFailure, attempt } = useApiCall();
  const [shown, setShown] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const mode = Form.useWatch('mode', form) ?? 'generate';

  const reset = async () => {
    if (!user) return;
    const v = await form.validateFields();
    const password = v.mode === 'generate' ? generatePassword() : (v.password ?? '');
    await attempt(async () => {
      await api.resetPassword(user.id, password);
      setShown(v.mode === 'generate' ? password : null);
      setDone(true);
    });
  };

  const close = () => {
    setShown(null);
    setDone(false);
    setFailure(null);
    onClose();
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetTitle', { name: user?.username ?? '' })}
      okText={done ? t('admin.done') : t('users.reset')}
      cancelText={t('common.cancel')}
      cancelButtonProps={done ? { style: { display: 'none' } } : {}}
      confirmLoading={busy}
      onOk={() => (done ? close() : void reset())}
      onCancel={close}
      destroyOnHidden
    >
      {done ? (
        <div data-testid="password-reset-done">
          <Alert
            type="success"
            showIcon
            title={t('users.resetDone')}
            style={{ marginBottom: 16 }}
          />
          {shown && (
            <>
              <Typography.Paragraph>{t('users.oneTimeHint')}</Typography.Paragraph>
              <Typography.Paragraph>
                <Typography.Text
                  code
                  copyable
                  data-testid="one-time-password"
                  style={{ fontSize: 18 }}
                >
                  {shown}
                </Typography.Text>
              </Typography.Paragraph>
            </>
          )}
        </div>
      ) : (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ mode: 'generate' }}>
          <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
          <Form.Item name="mode" label={t('users.resetMode')}>
            <Radio.Group
              options={[
                { value: 'generate', label: t('users.resetGenerate') },
                { value: 'set', label: t('users.resetSet') },
              ]}
            />
          </Form.Item>
          {mode === 'set' && (
            <Form.Item
              name="password"
              label={t('users.newPassword')}
              extra={t('users.passwordHint')}
              rules={[{ required: true, message: t('admin.required') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <ApiErrorAlert error={failure} testId="password-reset-error" />
        </Form>
      )}
    </Modal>
  );
}
