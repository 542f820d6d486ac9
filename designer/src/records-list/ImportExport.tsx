import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, List, Modal, Progress, Upload } from 'antd';
import type { ImportStatus, RecordListQuery } from '@liuyun/client';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';

interface Props {
  formId: string;
  query: RecordListQuery;
  onImported: () => void;
}

const POLL_MS = 800;

/** Export what the list shows (CSV or Excel); import a file as a job with its progress. */
export function ImportExport({ formId, query, onImported }: Props) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [job, setJob] = useState<ImportStatus | null>(null);

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      api
        .importStatus(job.id)
        .then((next) => {
          setJob(next);
          if (next.status === 'done') onImported();
        })
        .catch((error: unknown) => void message.error(describeError(error, t)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, onImported, message, t]);

  const download = async (format: 'csv' | 'xlsx') => {
    try {
      const blob = await api.exportRecords(formId, query, format, language);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `records.${format}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  const percent = job && job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'csv', label: t('records.export.csv') },
            { key: 'xlsx', label: t('records.export.xlsx') },
          ],
          onClick: ({ key }) => void download(key === 'xlsx' ? 'xlsx' : 'csv'),
        }}
      >
        <Button icon={<DownloadOutlined />} data-testid="export-button">
          {t('records.export')}
        </Button>
      </Dropdown>
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          const format = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
          api
            .startImport(formId, file, format)
            .then(setJob)
            .catch((error: unknown) => void message.error(describeError(error, t)));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="import-button">
          {t('records.import')}
        </Button>
      </Upload>
      <Modal
        open={job !== null}
        title={job ? t('records.import.title', { file: job.fileName }) : ''}
        onCancel={() => setJob(null)}
        onOk={() => setJob(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {job && (
          <div data-testid="import-progress">
            <Progress
              percent={percent}
              status={
                job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'
              }
            />
            <p>
              {t('records.import.progress', {
                processed: job.processed,
                total: job.total,
                created: job.created,
                failed: job.failed,
              })}
            </p>
            {job.status === 'done' && (
              <Alert
                type="success"
                showIcon
                title={t('records.import.done')}
                description={job.message ?? undefined}
              />
            )}
            {job.status === 'failed' && (
              <Alert
                type="error"
                showIcon
                title={t('records.import.failed')}
                description={job.message ?? undefined}
              />
            )}
            {job.errors.length > 0 && (
              <List
                size="small"
                data-testid="import-errors"
                dataSource={job.errors.slice(0, 50)}
                renderItem={(e) => (
                  <List.Item>
                    {t('records.import.row', { row: e.row })}: {e.message}
                  </List.Item>
                )}
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
