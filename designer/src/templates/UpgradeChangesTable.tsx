import { WarningOutlined } from '@ant-design/icons';
import type { UpgradeChange, UpgradeResolution } from '@liuyun/client';
import { Alert, Flex, Radio, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { changeLabel } from './change-label';

const outcomeColor = { apply: 'blue', keep: 'default', same: 'green', conflict: 'red' } as const;

function Value({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('tpl.value.absent')}</Typography.Text>;
  // Focusable: a long value scrolls, and the keyboard must reach it.
  return (
    <pre className="upgrade-value" tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The upgrade's changes, one row each, with a decision for every conflict. */
export function UpgradeChangesTable({
  changes,
  decisions,
  onDecide,
}: {
  changes: UpgradeChange[];
  decisions: Record<string, UpgradeResolution>;
  onDecide: (id: string, choice: UpgradeResolution) => void;
}) {
  const { t, text } = useI18n();
  return (
    <Table<UpgradeChange>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={changes}
      data-testid="upgrade-changes"
      onRow={(c) => ({ 'data-testid': `change-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        expandedRowRender: (c) => (
          <Flex gap={16} wrap>
            {(['base', 'theirs', 'ours'] as const).map((side) => (
              <div key={side} className="upgrade-side">
                <Typography.Text strong>{t(`tpl.value.${side}`)}</Typography.Text>
                <Value value={c[side]} />
              </div>
            ))}
          </Flex>
        ),
      }}
      columns={[
        {
          key: 'item',
          title: t('tpl.col.item'),
          render: (_, c) => changeLabel(c, text),
        },
        {
          key: 'kind',
          title: t('tpl.col.kind'),
          render: (_, c) => <Tag>{t(`tpl.kind.${c.kind}`)}</Tag>,
        },
        {
          key: 'upstream',
          title: t('tpl.col.template'),
          render: (_, c) => t(`tpl.delta.${c.upstream}`),
        },
        {
          key: 'local',
          title: t('tpl.col.app'),
          render: (_, c) => t(`tpl.delta.${c.local}`),
        },
        {
          key: 'outcome',
          title: t('tpl.col.outcome'),
          render: (_, c) => (
            <Tag color={outcomeColor[c.outcome]} data-testid={`outcome-${c.id}`}>
              {t(`tpl.outcome.${c.outcome}`)}
            </Tag>
          ),
        },
        {
          key: 'decision',
          title: t('tpl.col.decision'),
          render: (_, c) => {
            if (c.breaksRecords > 0 && c.outcome !== 'conflict')
              return (
                <Alert
                  type="warning"
                  showIcon
                  message={t('tpl.breaks', { count: c.breaksRecords })}
                />
              );
            if (c.outcome !== 'conflict') return null;
            return (
              <Flex vertical gap={4}>
                <Radio.Group
                  value={decisions[c.id]}
                  onChange={(e) => onDecide(c.id, e.target.value as UpgradeResolution)}
                  data-testid={`decide-${c.id}`}
                >
                  <Radio value="mine">{t('tpl.keepMine')}</Radio>
                  <Radio value="theirs" disabled={c.breaksRecords > 0}>
                    {t('tpl.takeTheirs')}
                  </Radio>
                </Radio.Group>
                {c.breaksRecords > 0 && (
                  <Typography.Text strong>
                    <WarningOutlined aria-hidden="true" />{' '}
                    {t('tpl.breaks', { count: c.breaksRecords })}
                  </Typography.Text>
                )}
              </Flex>
            );
          },
        },
      ]}
    />
  );
}
