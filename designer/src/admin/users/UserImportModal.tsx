import { UploadOutlined } from '@ant-design/icons';
import { ApiError, type UserImportResult } from '@liuyun/client';
import { Alert, Button, Input, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { useApiCall } from '../common/useApiCall';

const EXAMPLE = 'username,displayName,password,email,department,roles,isAdmin';

interface RowProblem {
  key: number;
  line: string;
  column: string;
  message: string;
}

/** `/rows/<line>/<column>` details of import_invalid, as table rows. */
function rowProblems(error: unknown): RowProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'import_invalid') return [];
  return error.details.map((d, i) => {
    const [, , line = '', column = ''] = d.instancePath.split('/');
    return { key: i, line, column, message: d.message ?? d.keyword };
  });
}

/** Imports users from CSV (pasted or a file); all or nothing, with a report per row. */
export function UserImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (result: UserImportResult) => void;
}) {
  const { t } = useI18n();
  const [csv, setCsv] = useState('');
  const { busy, failure, setFailure, attempt } = useApiCall();
  const [result, setResult] = useState<UserImportResult | null>(null);
  const problems = rowProblems(failure);

  const run = async () => {
    await attempt(async () => {
      const answer = await api.importUsers(csv);
      setResult(answer);
      onImported(answer);
    });
  };

  const close = () => {
    setCsv('');
    setFailure(null);
    setResult(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('users.importTitle')}
      okText={result ? t('admin.done') : t('users.importOk')}
      okButtonProps={{ disabled: !result && csv.trim() === '' }}
      cancelButtonProps={result ? { style: { display: 'none' } } : {}}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => (result ? close() : void run())}
      onCancel={close}
      destroyOnHidden
    >
      {result ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-done"
          title={t('users.imported', { count: result.created })}
          description={result.users.map((u) => u.username).join(', ')}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('users.importHint')}</Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text code>{EXAMPLE}</Typography.Text>
          </Typography.Paragraph>
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then(setCsv);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('users.importFile')}</Button>
          </Upload>
          <Input.TextArea
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            rows={8}
            aria-label={t('users.importCsv')}
            placeholder={`${EXAMPLE}\nzhang3,张三,a-long-password,,Sales,sales_rep,false`}
            style={{ margin: '12px 0', fontFamily: 'monospace' }}
            data-testid="import-csv"
          />
          {problems.length > 0 ? (
            <div data-testid="import-problems">
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginBottom: 8 }}
                title={t('users.importProblems', { count: problems.length })}
              />
              <Table<RowProblem>
                size="small"
                rowKey="key"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={problems}
                columns={[
                  { title: t('users.importLine'), dataIndex: 'line', width: 80 },
                  { title: t('users.importColumn'), dataIndex: 'column', width: 140 },
                  { title: t('users.importProblem'), dataIndex: 'message' },
                ]}
              />
            </div>
          ) : (
            <ApiErrorAlert error={failure} testId="import-error" />
          )}
        </>
      )}
    </Modal>
  );
}
