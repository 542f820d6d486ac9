import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n';

export interface CreateValues {
  key: string;
  zh: string;
  en: string;
}

export interface CreateDialogProps {
  open: boolean;
  title: string;
  testId: string;
  onCancel: () => void;
  /** Resolves when created; a rejection keeps the dialog open with the message. */
  onCreate: (values: CreateValues) => Promise<void>;
}

const KEY = /^[a-z][a-z0-9_]*$/;

/** Key and name (both languages) for a new app or form. */
export function CreateDialog({ open, title, testId, onCancel, onCreate }: CreateDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('builder.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        setBusy(true);
        setFailure(null);
        try {
          await onCreate(values);
          form.resetFields();
        } catch (error) {
          setFailure(error instanceof Error ? error.message : String(error));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" data-testid={testId} preserve={false}>
        <Form.Item
          name="zh"
          label={t('builder.nameZh')}
          rules={[{ required: true, message: t('signIn.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="en"
          label={t('builder.nameEn')}
          rules={[{ required: true, message: t('signIn.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('builder.key')}
          extra={t('builder.keyHint')}
          rules={[
            { required: true, message: t('signIn.required') },
            { pattern: KEY, message: t('builder.keyInvalid') },
          ]}
        >
          <Input />
        </Form.Item>
        {failure && (
          <div className="form-failure" role="alert">
            {failure}
          </div>
        )}
      </Form>
    </Modal>
  );
}
