import '../styles/builder.css';
import {
  AppstoreAddOutlined,
  BranchesOutlined,
  CloudUploadOutlined,
  FormOutlined,
  HistoryOutlined,
  PlusOutlined,
  ThunderboltOutlined,
  UpCircleOutlined,
} from '@ant-design/icons';
import type { AppSummary } from '@liuyun/client';
import { App, Button, Card, Empty, Flex, List, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { CreateDialog } from '../builder/apps/CreateDialog';
import { starterForm } from '../builder/apps/starter-form';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { en, zh } from '../i18n/messages';
import { PublishTemplateDialog } from '../templates/PublishTemplateDialog';
import { useI18n } from '../i18n/useI18n';

/** `/build`: the apps and their forms; new apps and forms; the way into each designer. */
export default function BuilderAppsPage() {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => api.apps(signal), []);
  const { data, error, reload } = useQuery(load);
  const [creatingApp, setCreatingApp] = useState(false);
  const [formFor, setFormFor] = useState<AppSummary | null>(null);
  const [publishing, setPublishing] = useState<AppSummary | null>(null);
  const loadTemplates = useCallback((signal: AbortSignal) => api.templates(signal), []);
  const gallery = useQuery(loadTemplates);
  const upgradable = new Set(
    (gallery.data ?? []).flatMap((tpl) =>
      tpl.installs.filter((i) => i.upgradeAvailable).map((i) => i.appKey),
    ),
  );

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;

  return (
    <div className="page-wide" data-testid="builder-apps">
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('builder.apps')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<AppstoreAddOutlined />}
          onClick={() => setCreatingApp(true)}
          data-testid="new-app"
        >
          {t('builder.newApp')}
        </Button>
      </Flex>
      {data.length === 0 && <Empty description={t('forms.empty')} />}
      <Flex vertical gap={16}>
        {data.map((app) => (
          <Card
            key={app.id}
            title={text(app.name, app.key)}
            data-testid={`builder-app-${app.key}`}
            extra={
              <Space wrap>
                {upgradable.has(app.key) && (
                  <Link to={`/build/apps/${encodeURIComponent(app.key)}/upgrade`}>
                    <Button icon={<UpCircleOutlined />} data-testid={`upgrade-${app.key}`}>
                      {t('tpl.upgradeAvailable')}
                    </Button>
                  </Link>
                )}
                <Button
                  icon={<CloudUploadOutlined />}
                  onClick={() => setPublishing(app)}
                  data-testid={`publish-template-${app.key}`}
                >
                  {t('tpl.publish')}
                </Button>
                <Link to={`/build/apps/${encodeURIComponent(app.key)}/automations`}>
                  <Button icon={<ThunderboltOutlined />}>{t('automation.title')}</Button>
                </Link>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setFormFor(app)}
                  data-testid={`new-form-${app.key}`}
                >
                  {t('builder.newForm')}
                </Button>
              </Space>
            }
          >
            <List
              dataSource={app.forms}
              locale={{ emptyText: t('builder.noForms') }}
              renderItem={(form) => (
                <List.Item
                  data-testid={`builder-form-${form.key}`}
                  actions={[
                    <Link key="form" to={`/build/forms/${form.id}?tab=form`}>
                      <FormOutlined /> {t('builder.designForm')}
                    </Link>,
                    <Link key="flow" to={`/build/forms/${form.id}?tab=flow`}>
                      <BranchesOutlined /> {t('builder.designFlow')}
                    </Link>,
                    <Link key="versions" to={`/build/forms/${form.id}?tab=versions`}>
                      <HistoryOutlined /> {t('builder.versions')}
                    </Link>,
                  ]}
                >
                  <List.Item.Meta
                    title={text(form.name, form.key)}
                    description={
                      <Typography.Text type="secondary" code>
                        {form.key}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Flex>
      {publishing && (
        <PublishTemplateDialog
          app={publishing}
          published={gallery.data ?? []}
          onClose={() => setPublishing(null)}
          onPublished={(text) => {
            setPublishing(null);
            void message.success(text);
            gallery.reload();
          }}
        />
      )}
      <CreateDialog
        open={creatingApp}
        title={t('builder.newApp')}
        testId="new-app-dialog"
        onCancel={() => setCreatingApp(false)}
        onCreate={async ({ key, zh: nameZh, en: nameEn }) => {
          try {
            await api.createApp({ key, name: { zh: nameZh, en: nameEn }, forms: [] });
          } catch (failure) {
            throw new Error(describeError(failure, t));
          }
          setCreatingApp(false);
          void message.success(t('builder.appCreated'));
          reload();
        }}
      />
      <CreateDialog
        open={formFor !== null}
        title={formFor ? t('builder.newFormIn', { app: text(formFor.name, formFor.key) }) : ''}
        testId="new-form-dialog"
        onCancel={() => setFormFor(null)}
        onCreate={async ({ key, zh: nameZh, en: nameEn }) => {
          if (!formFor) return;
          let created;
          try {
            created = await api.createForm(formFor.key, {
              definition: starterForm(
                key,
                { zh: nameZh, en: nameEn },
                { zh: zh['builder.starterField'], en: en['builder.starterField'] },
              ),
            });
          } catch (failure) {
            throw new Error(describeError(failure, t));
          }
          setFormFor(null);
          navigate(`/build/forms/${created.id}?tab=form`);
        }}
      />
    </div>
  );
}
