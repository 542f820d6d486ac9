import { ReloadOutlined } from '@ant-design/icons';
import type { AuditEntry, AuditFilter, AuditPage as AuditPageAnswer } from '@liuyun/client';
import { App, Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useQuery } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { AdminPage } from '../common/AdminPage';
import { PageHeader } from '../common/PageHeader';
import { apiErrorText } from '../common/api-error-text';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { AuditFilters } from './AuditFilters';
import { filterFromParams, paramsFromFilter } from './audit-filter';

const PAGE = 50;

/** `/admin/audit`: who changed what, newest first; a row opens its before and after. */
export default function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(query)), [query]);
  const [more, setMore] = useState<AuditPageAnswer[]>([]);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => {
      setMore([]);
      return api.auditLog({ ...filter, limit: PAGE }, signal);
    },
    [filter],
  );
  const first = useQuery(load);
  const pages = first.data ? [first.data, ...more] : [];
  const rows = pages.flatMap((p) => p.items);
  const nextAfter = pages[pages.length - 1]?.nextAfter ?? null;

  const apply = (next: AuditFilter) => setParams(paramsFromFilter(next));

  const loadMore = async () => {
    if (!nextAfter) return;
    try {
      const page = await api.auditLog({ ...filter, limit: PAGE, after: nextAfter });
      setMore((list) => [...list, page]);
    } catch (error) {
      void message.error(apiErrorText(error, t));
    }
  };

  return (
    <AdminPage testId="audit-page">
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <Tooltip title={t('audit.refresh')}>
            <Button
              icon={<ReloadOutlined />}
              onClick={first.reload}
              aria-label={t('audit.refresh')}
            />
          </Tooltip>
        }
      />
      <Card className="panel">
        <AuditFilters filter={filter} onApply={apply} />
      </Card>
      <Card className="panel">
        {first.error ? <ApiErrorAlert error={first.error} testId="audit-error" /> : null}
        <Table<AuditEntry>
          rowKey="seq"
          loading={first.loading}
          dataSource={first.error ? [] : rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('audit.empty') }}
          data-testid="audit-table"
          columns={[
            {
              title: t('audit.at'),
              dataIndex: 'at',
              width: 180,
              render: (at: string) => formatDateTime(at),
            },
            {
              title: t('audit.actor'),
              dataIndex: 'actor',
              width: 180,
              render: (actor: AuditEntry['actor']) =>
                actor ? (
                  <Tooltip title={actor.username}>{actor.displayName}</Tooltip>
                ) : (
                  <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
                ),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              width: 200,
              render: (action: string) => <Tag>{action}</Tag>,
            },
            { title: t('audit.entityType'), dataIndex: 'entityType', width: 130 },
            {
              title: t('audit.entityId'),
              dataIndex: 'entityId',
              ellipsis: true,
              render: (id: string) => <Typography.Text>{id}</Typography.Text>,
            },
            {
              title: '',
              key: 'open',
              width: 110,
              render: (_: unknown, entry) => (
                <Button size="small" onClick={() => setOpen(entry)}>
                  {t('audit.details')}
                </Button>
              ),
            },
          ]}
        />
        {nextAfter && !first.error && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void loadMore()}>{t('admin.loadMore')}</Button>
          </Flex>
        )}
      </Card>
      <AuditDetailDrawer
        entry={open}
        onClose={() => setOpen(null)}
        onShowEntity={(entry) => {
          setOpen(null);
          apply({ entityType: entry.entityType, entityId: entry.entityId });
        }}
      />
    </AdminPage>
  );
}
