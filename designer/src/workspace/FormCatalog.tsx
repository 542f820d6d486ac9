import { FileAddOutlined, FormOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';

/** The installed apps and their forms, each with a button to start a new record. */
export function FormCatalog() {
  const { t, text } = useI18n();
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => api.apps(signal), []);
  const { data, error, loading, reload } = useQuery(load);

  let body;
  if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading && !data) body = <PageLoading />;
  else if (!data || data.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('forms.empty')} />;
  else
    body = data.map((app) => (
      <section key={app.id} className="catalog-app">
        <Typography.Text type="secondary" className="catalog-app-name">
          {text(app.name, app.key)}
        </Typography.Text>
        {app.forms.map((form) => (
          <Flex
            key={form.id}
            align="center"
            justify="space-between"
            className="catalog-form"
            data-testid={`form-entry-${app.key}-${form.key}`}
          >
            <Flex align="center" gap={10} style={{ minWidth: 0 }}>
              <FormOutlined className="catalog-form-icon" aria-hidden="true" />
              <Typography.Text ellipsis>{text(form.name, form.key)}</Typography.Text>
            </Flex>
            <Flex gap={6}>
              <Button
                size="small"
                icon={<TableOutlined />}
                onClick={() => navigate(`/forms/${encodeURIComponent(form.id)}/records`)}
                data-testid={`form-records-${app.key}-${form.key}`}
              >
                {t('records.open')}
              </Button>
              <Button
                size="small"
                icon={<FileAddOutlined />}
                onClick={() => navigate(`/forms/${encodeURIComponent(form.id)}/new`)}
              >
                {t('forms.new')}
              </Button>
            </Flex>
          </Flex>
        ))}
      </section>
    ));

  return (
    <Card title={t('forms.title')} className="panel">
      {body}
    </Card>
  );
}
