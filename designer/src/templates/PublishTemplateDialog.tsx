import type { AppSummary, TemplateSummary } from '@liuyun/client';
import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';
import { nextVersion } from './next-version';

interface Values {
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  version: string;
  samples: boolean;
}

const KEY = /^[a-z][a-z0-9_]+$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$/;

/** Name, description and version for publishing an app to the template gallery. */
export function PublishTemplateDialog({
  app,
  published,
  onClose,
  onPublished,
}: {
  app: AppSummary;
  /** The gallery's published templates (to suggest the next version of the same key). */
  published: TemplateSummary[];
  onClose: () => void;
  onPublished: (message: string) => void;
}) {
  const { t, text } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const suggest = (key: string) =>
    nextVersion(published.find((p) => p.key === key && p.source === 'published')?.version);
  const initial: Values = {
    key: app.key,
    nameZh: app.name.zh ?? app.key,
    nameEn: app.name.en ?? app.key,
    descriptionZh: app.description?.zh ?? '',
    descriptionEn: app.description?.en ?? '',
    version: suggest(app.key),
    samples: false,
  };
  return (
    <Modal
      open
      title={t('tpl.publishTitle', { app: text(app.name, app.key) })}
      okText={t('tpl.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        setFailure(null);
        try {
          const done = await api.publishTemplate(app.key, {
            key: v.key,
            name: { zh: v.nameZh, en: v.nameEn },
            description: { zh: v.descriptionZh, en: v.descriptionEn },
            version: v.version,
            samples: v.samples,
          });
          onPublished(
            t('tpl.publishDone', {
              version: done.version,
              name: text({ zh: v.nameZh, en: v.nameEn }),
            }),
          );
        } catch (error) {
          setFailure(describeError(error, t));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('tpl.publishHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid="publish-template-dialog"
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.key !== undefined) form.setFieldValue('version', suggest(changed.key));
        }}
      >
        <Form.Item
          name="key"
          label={t('tpl.key')}
          extra={t('tpl.keyHint')}
          rules={[{ required: true, pattern: KEY, message: t('tpl.keyInvalid') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="nameZh" label={t('tpl.nameZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('tpl.nameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="descriptionZh" label={t('tpl.descriptionZh')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('tpl.descriptionEn')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="version"
          label={t('tpl.version')}
          extra={t('tpl.versionHint')}
          rules={[{ required: true, pattern: SEMVER, message: t('tpl.versionInvalid') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="samples" valuePropName="checked">
          <Checkbox>{t('tpl.samples')}</Checkbox>
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon message={failure} />}
    </Modal>
  );
}
