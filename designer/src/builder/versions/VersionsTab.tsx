import type { FormVersionDetail } from '@liuyun/client';
import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';
import { ReactFlowProvider } from '@xyflow/react';
import { Card, Col, Empty, Flex, Row, Select, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { PageLoading } from '../../common/PageLoading';
import { useQuery } from '../../common/useQuery';
import { useI18n } from '../../i18n/useI18n';
import type { BuilderDoc } from '../draft/builder-doc';
import { FlowEditorCanvas } from '../flow-editor/FlowEditorCanvas';
import { diffVersions, mergedFlow, type Change } from './definition-diff';

/** `draft` stands for the document being edited (saved or not). */
type Side = number | 'draft';

export interface VersionsTabProps {
  formId: string;
  current: BuilderDoc;
  publishedVersion: number;
}

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'orange' } as const;

function ChangeList({
  title,
  changes,
  name,
  testId,
}: {
  title: string;
  changes: Change[];
  name: (id: string) => string;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={`${title} (${changes.length})`} data-testid={testId}>
      {changes.length === 0 ? (
        <Typography.Text type="secondary">{t('versions.noChange')}</Typography.Text>
      ) : (
        <ul className="plain-list diff-list">
          {changes.map((c) => (
            <li key={`${c.kind}:${c.id}`} data-kind={c.kind}>
              <Tag color={KIND_COLOR[c.kind]}>{t(`versions.${c.kind}`)}</Tag>
              {name(c.id)}
              {c.parts.length > 0 && (
                <Typography.Text type="secondary"> — {c.parts.join(', ')}</Typography.Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Published versions of the form, and what changed between any two (or against the draft). */
export default function VersionsTab({ formId, current, publishedVersion }: VersionsTabProps) {
  const { t, text, formatDateTime } = useI18n();
  const listLoad = useCallback((signal: AbortSignal) => api.versions(formId, signal), [formId]);
  const list = useQuery(listLoad);
  const [from, setFrom] = useState<Side>(Math.max(1, publishedVersion - 1));
  const [to, setTo] = useState<Side>(publishedVersion > 1 ? publishedVersion : 'draft');

  const load = useCallback(
    async (signal: AbortSignal) => {
      const get = async (
        side: Side,
      ): Promise<{ definition: FormDefinition; flow: FlowDefinition | null }> =>
        side === 'draft'
          ? current
          : ((await api.version(formId, side, signal)) as FormVersionDetail);
      return { before: await get(from), after: await get(to) };
    },
    [formId, from, to, current],
  );
  const pair = useQuery(load);
  const diff = useMemo(
    () => (pair.data ? diffVersions(pair.data.before, pair.data.after) : null),
    [pair.data],
  );
  const merged = useMemo(
    () =>
      pair.data && diff ? mergedFlow(pair.data.before.flow, pair.data.after.flow, diff) : null,
    [pair.data, diff],
  );
  const overlay = useMemo(
    () => (merged ? { nodeDiff: merged.nodeKinds, edgeDiff: merged.edgeKinds } : undefined),
    [merged],
  );

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data) return <PageLoading />;
  const options = [
    ...list.data.versions.map((v) => ({
      value: v.version as Side,
      label: t('versions.v', { version: v.version }),
    })),
    { value: 'draft' as Side, label: t('versions.draft') },
  ];
  const nodeName = (id: string) => {
    const node =
      pair.data?.after.flow?.nodes.find((n) => n.id === id) ??
      pair.data?.before.flow?.nodes.find((n) => n.id === id);
    return node ? `${text(node.name, id)} (${id})` : id;
  };
  const fieldName = (key: string) => {
    const field =
      pair.data?.after.definition.schema.properties[key] ??
      pair.data?.before.definition.schema.properties[key];
    return field ? `${text(field['x-label'], key)} (${key})` : key;
  };

  return (
    <div className="versions-tab" data-testid="versions-tab">
      <Table
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={list.data.versions}
        data-testid="versions-table"
        columns={[
          {
            title: t('versions.version'),
            dataIndex: 'version',
            render: (v: number, row) => (
              <Flex gap={6}>
                v{v}
                {row.published && <Tag color="green">{t('versions.current')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('versions.publishedAt'),
            dataIndex: 'publishedAt',
            render: (at: string) => formatDateTime(at),
          },
          {
            title: t('versions.publishedBy'),
            dataIndex: 'publishedBy',
            render: (by: { displayName: string } | null) => by?.displayName ?? '—',
          },
          { title: t('versions.running'), dataIndex: 'runningInstances' },
        ]}
      />
      <Flex gap={12} align="center" wrap style={{ margin: '16px 0' }}>
        <Typography.Text strong>{t('versions.compare')}</Typography.Text>
        <Select
          aria-label={t('versions.from')}
          style={{ width: 160 }}
          value={from}
          options={options}
          onChange={setFrom}
          data-testid="diff-from"
        />
        <span>→</span>
        <Select
          aria-label={t('versions.to')}
          style={{ width: 160 }}
          value={to}
          options={options}
          onChange={setTo}
          data-testid="diff-to"
        />
      </Flex>
      {pair.error ? (
        <ErrorState error={pair.error} onRetry={pair.reload} />
      ) : !diff || !merged ? (
        <PageLoading />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            {merged.flow ? (
              <ReactFlowProvider>
                <FlowEditorCanvas
                  flow={merged.flow}
                  overlay={overlay}
                  height={520}
                  testId="diff-canvas"
                />
              </ReactFlowProvider>
            ) : (
              <Empty description={t('versions.noFlow')} />
            )}
          </Col>
          <Col xs={24} lg={10}>
            <Flex vertical gap={12}>
              <ChangeList
                title={t('versions.nodes')}
                changes={diff.nodes}
                name={nodeName}
                testId="diff-nodes"
              />
              <ChangeList
                title={t('versions.edges')}
                changes={diff.edges}
                name={(id) => id}
                testId="diff-edges"
              />
              <ChangeList
                title={t('versions.fields')}
                changes={diff.fields}
                name={fieldName}
                testId="diff-fields"
              />
              <ChangeList
                title={t('versions.settings')}
                changes={diff.settings}
                name={(id) => t(`versions.setting.${id}` as 'versions.setting.flow')}
                testId="diff-settings"
              />
            </Flex>
          </Col>
        </Row>
      )}
    </div>
  );
}
