import {
  AppstoreOutlined,
  CheckCircleOutlined,
  DownloadOutlined,
  EyeOutlined,
  UpCircleOutlined,
} from '@ant-design/icons';
import type { TemplateSummary } from '@liuyun/client';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { InstallTemplateDialog } from '../templates/InstallTemplateDialog';

/** Installs a template after a confirmation; reports the outcome. */
export function InstallButton({
  template,
  onInstalled,
}: {
  template: TemplateSummary;
  onInstalled: () => void;
}) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState(false);
  const name = text(template.name, template.key);
  if (template.source === 'published') {
    return (
      <>
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          onClick={() => setDialog(true)}
          data-testid={`install-${template.key}`}
        >
          {t('tpl.installAs')}
        </Button>
        {dialog && (
          <InstallTemplateDialog
            template={template}
            onClose={() => setDialog(false)}
            onInstalled={(done) => {
              setDialog(false);
              void message.success(done);
              onInstalled();
            }}
          />
        )}
      </>
    );
  }
  if (template.installed) {
    return (
      <Tag
        icon={<CheckCircleOutlined />}
        color="success"
        data-testid={`template-installed-${template.key}`}
      >
        {t('gallery.installed')}
      </Tag>
    );
  }
  return (
    <Popconfirm
      title={t('gallery.installConfirm', { name })}
      onConfirm={async () => {
        setBusy(true);
        try {
          await api.installTemplate(template.key);
          void message.success(t('gallery.installDone', { name }));
          onInstalled();
        } catch (error) {
          void message.error(describeError(error, t));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button type="primary" icon={<DownloadOutlined />} loading={busy}>
        {t('gallery.install')}
      </Button>
    </Popconfirm>
  );
}

/** `/admin/templates`: the templates shipped with Liuyun, to preview and install. */
export default function TemplateGalleryPage() {
  const { t, text } = useI18n();
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => api.templates(signal), []);
  const { data, error, reload } = useQuery(load);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <div className="page-wide">
      <Typography.Title level={3}>{t('gallery.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('gallery.subtitle')}</Typography.Paragraph>
      {data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Row gutter={[16, 16]}>
          {data.map((template) => (
            <Col key={template.key} xs={24} md={12} xl={8}>
              <Card className="panel template-card" data-testid={`template-${template.key}`}>
                <Flex vertical gap={12}>
                  <Flex align="center" gap={10}>
                    <AppstoreOutlined className="template-icon" aria-hidden="true" />
                    <Typography.Title level={4} style={{ margin: 0 }}>
                      {text(template.name, template.key)}
                    </Typography.Title>
                  </Flex>
                  <Flex gap={6} wrap>
                    <Tag color={template.source === 'published' ? 'purple' : 'default'}>
                      {t(template.source === 'published' ? 'tpl.published' : 'tpl.builtin')}
                    </Tag>
                    {template.source === 'published' && (
                      <Tag color="blue" data-testid={`template-version-${template.key}`}>
                        {t('tpl.versionTag', { version: template.version })}
                      </Tag>
                    )}
                  </Flex>
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {text(template.description)}
                  </Typography.Paragraph>
                  <Flex gap={8} align="center" wrap>
                    <Button
                      icon={<EyeOutlined />}
                      onClick={() =>
                        navigate(`/admin/templates/${encodeURIComponent(template.key)}`)
                      }
                    >
                      {t('gallery.preview')}
                    </Button>
                    <InstallButton template={template} onInstalled={reload} />
                  </Flex>
                  {template.installs.length > 0 && (
                    <Flex
                      gap={6}
                      wrap
                      align="center"
                      data-testid={`template-installs-${template.key}`}
                    >
                      <Typography.Text type="secondary">{t('tpl.installs')}:</Typography.Text>
                      {template.installs.map((i) =>
                        i.upgradeAvailable ? (
                          <Link
                            key={i.appKey}
                            to={`/build/apps/${encodeURIComponent(i.appKey)}/upgrade`}
                          >
                            <Tag color="orange" icon={<UpCircleOutlined />}>
                              {i.appKey} · {t('tpl.upgradeAvailable')}
                            </Tag>
                          </Link>
                        ) : (
                          <Tag key={i.appKey}>{i.appKey}</Tag>
                        ),
                      )}
                    </Flex>
                  )}
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
