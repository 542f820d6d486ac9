import type { AuditEntry } from '@liuyun/client';
import { Button, Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/useI18n';
import { jsonDiff, prettyJson, type DiffRow } from './json-diff';

/** A JSON value shown as text in a scrolling block (never as HTML). */
function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={5}>{label}</Typography.Title>
      {value === null || value === undefined ? (
        <Typography.Text type="secondary">{t('audit.nothing')}</Typography.Text>
      ) : (
        <pre className="audit-json" tabIndex={0} aria-label={label}>
          {prettyJson(value)}
        </pre>
      )}
    </div>
  );
}

/** One audit row: who, when, what; the changed fields side by side; both states in full. */
export function AuditDetailDrawer({
  entry,
  onClose,
  onShowEntity,
}: {
  entry: AuditEntry | null;
  onClose: () => void;
  onShowEntity: (entry: AuditEntry) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const diff = entry ? jsonDiff(entry.before, entry.after) : [];
  return (
    <Drawer
      open={entry !== null}
      onClose={onClose}
      size={720}
      title={entry ? `${entry.action} · ${entry.entityType}` : ''}
      data-testid="audit-detail"
    >
      {entry && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'at', label: t('audit.at'), children: formatDateTime(entry.at) },
              {
                key: 'actor',
                label: t('audit.actor'),
                children: entry.actor
                  ? `${entry.actor.displayName} (${entry.actor.username})`
                  : t('audit.system'),
              },
              { key: 'action', label: t('audit.action'), children: <Tag>{entry.action}</Tag> },
              { key: 'type', label: t('audit.entityType'), children: entry.entityType },
              {
                key: 'id',
                label: t('audit.entityId'),
                children: (
                  <>
                    <Typography.Text copyable>{entry.entityId}</Typography.Text>{' '}
                    <Button size="small" onClick={() => onShowEntity(entry)}>
                      {t('audit.allOfEntity')}
                    </Button>
                  </>
                ),
              },
              { key: 'seq', label: t('audit.seq'), children: entry.seq },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('audit.changes')}
          </Typography.Title>
          {diff.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noChanges')} />
          ) : (
            <Table<DiffRow>
              size="small"
              rowKey="path"
              dataSource={diff}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="audit-diff"
              columns={[
                {
                  title: t('audit.field'),
                  dataIndex: 'path',
                  width: 180,
                  render: (path: string) => <Typography.Text code>{path}</Typography.Text>,
                },
                {
                  title: t('audit.before'),
                  dataIndex: 'before',
                  render: (v: string | null) =>
                    v === null ? (
                      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                    ) : (
                      <Typography.Text className="audit-before" delete>
                        {v}
                      </Typography.Text>
                    ),
                },
                {
                  title: t('audit.after'),
                  dataIndex: 'after',
                  render: (v: string | null) =>
                    v === null ? (
                      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                    ) : (
                      <Typography.Text className="audit-after" strong>
                        {v}
                      </Typography.Text>
                    ),
                },
              ]}
            />
          )}
          <div className="audit-states">
            <JsonBlock value={entry.before} label={t('audit.beforeFull')} />
            <JsonBlock value={entry.after} label={t('audit.afterFull')} />
          </div>
        </>
      )}
    </Drawer>
  );
}
