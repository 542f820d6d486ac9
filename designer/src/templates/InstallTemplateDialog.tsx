import type { TemplateSummary } from '@liuyun/client';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';

interface Values {
  appKey: string;
  nameZh: string;
  nameEn: string;
  samples: boolean;
}

const KEY = /^[a-z][a-z0-9_]+$/;

/** Installs a published template as a new app under a key the admin chooses. */
export function InstallTemplateDialog({
  template,
  onClose,
  onInstalled,
}: {
  template: TemplateSummary;
  onClose: () => void;
  onInstalled: (message: string) => void;
}) {
  const { t, text } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const taken = new Set(template.installs.map((i) => i.appKey));
  let suggested = template.key;
  for (let n = 2; taken.has(suggested); n++) suggested = `${template.key}_${n}`;
  const name = text(template.name, template.key);
  return (
    <Modal
      open
      title={t('tpl.installTitle', { name })}
      okText={t('gallery.install')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        setFailure(null);
        try {
          await api.installTemplate(template.key, {
            appKey: v.appKey,
            name: { zh: v.nameZh, en: v.nameEn },
            samples: v.samples,
          });
          onInstalled(t('gallery.installDone', { name: text({ zh: v.nameZh, en: v.nameEn }) }));
        } catch (error) {
          setFailure(describeError(error, t));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="install-template-dialog"
        initialValues={{
          appKey: suggested,
          nameZh: template.name.zh ?? template.key,
          nameEn: template.name.en ?? template.key,
          samples: template.sampleRecords > 0,
        }}
      >
        <Form.Item
          name="appKey"
          label={t('tpl.appKey')}
          rules={[{ required: true, pattern: KEY, message: t('tpl.keyInvalid') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="nameZh" label={t('tpl.appNameZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('tpl.appNameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        {template.sampleRecords > 0 && (
          <Form.Item name="samples" valuePropName="checked">
            <Checkbox>{t('tpl.installSamples', { count: template.sampleRecords })}</Checkbox>
          </Form.Item>
        )}
      </Form>
      {failure && <Alert type="error" showIcon message={failure} />}
    </Modal>
  );
}
