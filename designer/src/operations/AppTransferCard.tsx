import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { AppExportFile, ImportSummary } from '@liuyun/client';
import { Alert, Button, Card, Checkbox, Flex, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { attachmentName, saveBlob } from './download-file';

type Outcome =
  | { kind: 'imported'; summary: ImportSummary }
  | { kind: 'exported'; file: string }
  | { kind: 'failed'; message: string };

/** Export each app to a file (optionally with its records); import a file from another Liuyun. */
export function AppTransferCard() {
  const { t, text } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.apps(signal), []);
  const apps = useQuery(load);
  const [withRecords, setWithRecords] = useState<Record<string, boolean>>({});
  const [withFiles, setWithFiles] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const exportApp = async (appKey: string) => {
    setBusy(`export:${appKey}`);
    setOutcome(null);
    try {
      const answer = await api.exportApp(appKey, {
        records: withRecords[appKey] ?? false,
        files: withFiles[appKey] ?? false,
      });
      const name = attachmentName(
        answer.headers.get('content-disposition'),
        `${appKey}.liuyun.json`,
      );
      saveBlob(answer.body, name);
      setOutcome({ kind: 'exported', file: name });
    } catch (error) {
      setOutcome({ kind: 'failed', message: describeError(error, t) });
    } finally {
      setBusy(null);
    }
  };

  const importFile = async (file: File) => {
    setBusy('import');
    setOutcome(null);
    try {
      let parsed: AppExportFile;
      try {
        parsed = JSON.parse(await file.text()) as AppExportFile;
      } catch {
        setOutcome({ kind: 'failed', message: t('ops.import.notJson') });
        return;
      }
      const summary = await api.importApp(parsed);
      setOutcome({ kind: 'imported', summary });
      apps.reload();
    } catch (error) {
      setOutcome({ kind: 'failed', message: describeError(error, t) });
    } finally {
      setBusy(null);
    }
  };

  let list;
  if (apps.error) list = <ErrorState error={apps.error} onRetry={apps.reload} />;
  else if (!apps.data) list = <PageLoading />;
  else
    list = apps.data.map((app) => (
      <Flex
        key={app.id}
        align="center"
        justify="space-between"
        gap={12}
        wrap
        className="catalog-form"
        data-testid={`ops-app-${app.key}`}
      >
        <Typography.Text strong>{text(app.name, app.key)}</Typography.Text>
        <Flex align="center" gap={12}>
          <Checkbox
            checked={withRecords[app.key] ?? false}
            onChange={(e) => setWithRecords((w) => ({ ...w, [app.key]: e.target.checked }))}
          >
            {t('ops.exportWithRecords')}
          </Checkbox>
          <Checkbox
            checked={withFiles[app.key] ?? false}
            onChange={(e) => {
              const checked = e.target.checked;
              setWithFiles((w) => ({ ...w, [app.key]: checked }));
              // Files belong to records: they come together.
              if (checked) setWithRecords((w) => ({ ...w, [app.key]: true }));
            }}
          >
            {t('ops.exportWithFiles')}
          </Checkbox>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === `export:${app.key}`}
            onClick={() => void exportApp(app.key)}
          >
            {t('ops.export')}
          </Button>
        </Flex>
      </Flex>
    ));

  return (
    <Card
      title={t('ops.transfer')}
      className="panel"
      extra={
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void importFile(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy === 'import'} data-testid="ops-import">
            {busy === 'import' ? t('ops.importing') : t('ops.import')}
          </Button>
        </Upload>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('ops.transfer.hint')}
        </Typography.Paragraph>
        {list}
        {outcome && <OutcomeAlert outcome={outcome} />}
      </Flex>
    </Card>
  );
}

function OutcomeAlert({ outcome }: { outcome: Outcome }) {
  const { t, text } = useI18n();
  if (outcome.kind === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={t('ops.import.failed', { message: outcome.message })}
        data-testid="ops-outcome"
      />
    );
  if (outcome.kind === 'exported')
    return (
      <Alert
        type="success"
        showIcon
        title={t('ops.exported', { file: outcome.file })}
        data-testid="ops-outcome"
      />
    );
  const { summary } = outcome;
  const count = (action: string) => summary.forms.filter((f) => f.action === action).length;
  const app = text(summary.app.name, summary.app.key);
  return (
    <Alert
      type="success"
      showIcon
      data-testid="ops-outcome"
      title={
        summary.mode === 'created'
          ? t('ops.import.created', { app })
          : t('ops.import.updated', { app })
      }
      description={
        <>
          <div>
            {t('ops.import.forms', {
              created: count('created'),
              published: count('published'),
              unchanged: count('unchanged'),
            })}
          </div>
          {summary.records > 0 && <div>{t('ops.import.records', { count: summary.records })}</div>}
          {summary.files > 0 && <div>{t('ops.import.files', { count: summary.files })}</div>}
        </>
      }
    />
  );
}
