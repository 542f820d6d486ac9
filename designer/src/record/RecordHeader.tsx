import type { FormDefinition, JsonObject } from '@liuyun/definitions';
import { Card, Flex, Tag, Typography } from 'antd';
import type { FormRecord } from '@liuyun/client';
import { useI18n } from '../i18n/useI18n';
import { StatusTag } from './StatusTag';

/** The first filled single-line text in layout order names the record (the customer, say). */
function recordTitle(form: FormDefinition, data: JsonObject): string | null {
  for (const key of form.layout) {
    const value = data[key];
    if (
      form.schema.properties[key]?.['x-widget'] === 'text' &&
      typeof value === 'string' &&
      value
    ) {
      return value;
    }
  }
  return null;
}

/** Which form, who submitted it when, and — large — where it stands now. */
export function RecordHeader({
  record,
  form,
  formName,
}: {
  record: FormRecord;
  form: FormDefinition;
  formName: string;
}) {
  const { t, text, formatDateTime } = useI18n();
  const title = recordTitle(form, record.data) ?? `${t('record.title')} · ${record.id.slice(0, 8)}`;
  const statusValue = record.data.status;
  const process = record.process;
  const waitingAt = process
    ? process.flow.nodes
        .filter((n) => process.activeNodeIds.includes(n.id))
        .map((n) => text(n.name, n.id))
    : [];

  return (
    <Card className="panel record-header">
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Flex vertical gap={6} style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{formName}</Typography.Text>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="record-title">
            {title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('record.submittedBy', {
              name: record.createdBy.displayName,
              time: formatDateTime(record.createdAt),
            })}
          </Typography.Text>
        </Flex>
        <Flex vertical align="flex-end" gap={8}>
          {statusValue !== undefined && statusValue !== null ? (
            <Flex align="center" gap={8}>
              <Typography.Text type="secondary">{t('record.status')}</Typography.Text>
              <StatusTag field={form.schema.properties.status} value={statusValue} />
            </Flex>
          ) : null}
          {process && (
            <Flex gap={6} wrap justify="flex-end">
              <Tag
                color={
                  process.status === 'running'
                    ? 'processing'
                    : process.status === 'failed'
                      ? 'error'
                      : 'default'
                }
                data-testid="process-status"
              >
                {t(`record.process.${process.status}`)}
              </Tag>
              {process.outcome && statusValue === undefined && (
                <Tag color={process.outcome === 'approved' ? 'success' : 'error'}>
                  {t(`record.outcome.${process.outcome}`)}
                </Tag>
              )}
            </Flex>
          )}
          {waitingAt.length > 0 && (
            <Typography.Text type="secondary" data-testid="waiting-on">
              {t('record.waitingOn', { nodes: waitingAt.join(', ') })}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
