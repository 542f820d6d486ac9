import type { AutomationRun } from '@liuyun/client';
import { Table, Tag } from 'antd';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { useQuery } from '../../common/useQuery';
import { en, type MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/useI18n';

/** The message key naming a trigger kind, when the designer knows the kind. */
function kindKey(kind: string): MessageKey | undefined {
  const key = `automation.kind.${kind}`;
  return key in en ? (key as MessageKey) : undefined;
}

const COLOR = { queued: 'blue', succeeded: 'green', failed: 'red', skipped: 'default' } as const;

/** The latest runs of one automation: when, what started it, how it ended. */
export function AutomationRuns({ automationId }: { automationId: string }) {
  const { t, formatDateTime } = useI18n();
  const load = useCallback(
    (signal: AbortSignal) => api.automationRuns(automationId, signal),
    [automationId],
  );
  const { data, error, reload, loading } = useQuery(load);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <Table<AutomationRun>
      rowKey="id"
      loading={loading}
      dataSource={data ?? []}
      pagination={false}
      size="small"
      locale={{ emptyText: t('automation.noRuns') }}
      columns={[
        {
          title: t('automation.runAt'),
          dataIndex: 'createdAt',
          render: (at: string) => formatDateTime(at),
        },
        {
          title: t('automation.triggerKind'),
          key: 'trigger',
          render: (_: unknown, r) => {
            const key = kindKey(r.trigger.kind);
            return key ? t(key) : r.trigger.kind;
          },
        },
        {
          title: t('automation.status'),
          dataIndex: 'status',
          render: (s: AutomationRun['status']) => (
            <Tag color={COLOR[s]}>{t(`automation.status.${s}`)}</Tag>
          ),
        },
        {
          title: t('automation.error'),
          key: 'error',
          render: (_: unknown, r) => r.error?.message ?? '',
        },
      ]}
    />
  );
}
