import { CaretRightOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  ApiError,
  type DefinitionErrorDetail,
  type SimulationAnswer,
  type SimulationDecision,
} from '@liuyun/client';
import type { FlowDefinition, FormDefinition, JsonObject } from '@liuyun/definitions';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Modal,
  Segmented,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { describeError } from '../../common/error-message';
import { ErrorBoundary } from '../../common/ErrorBoundary';
import { FormFields } from '../../form/FormFields';
import { useRecordDraft } from '../../form/useRecordDraft';
import { useI18n } from '../../i18n/useI18n';
import { useBuilderDirectory } from '../draft/builder-directory';
import type { FlowOverlay } from '../flow-editor/canvas-derive';
import { NodeFormPreview } from './NodeFormPreview';
import { simulationOverlay } from './simulation-overlay';

const NO_ERRORS: ReadonlyMap<string, string> = new Map();

export interface SimulationPanelProps {
  formId: string;
  flow: FlowDefinition;
  form: FormDefinition;
  onOverlay: (overlay: FlowOverlay) => void;
  onErrors: (errors: DefinitionErrorDetail[]) => void;
}

function SampleData({
  form,
  onData,
}: {
  form: FormDefinition;
  onData: (data: JsonObject) => void;
}) {
  const draft = useRecordDraft(form);
  useEffect(() => onData(draft.outcome.data), [draft.outcome.data, onData]);
  return (
    <Form layout="vertical" component="div" data-testid="sim-sample">
      <FormFields form={form} draft={draft} errors={NO_ERRORS} />
    </Form>
  );
}

/**
 * Runs the draft flow on sample data through the engine's simulator (same runtime, real
 * organisation, virtual clock): the path on the canvas, who gets each task, and decisions
 * taken one at a time.
 */
export function SimulationPanel({ formId, flow, form, onOverlay, onErrors }: SimulationPanelProps) {
  const { t, text, formatDateTime } = useI18n();
  const directory = useBuilderDirectory();
  const [data, setData] = useState<JsonObject>({});
  const [submitter, setSubmitter] = useState<string | undefined>(undefined);
  const [startAt, setStartAt] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<'all' | 'step'>('step');
  const [decisions, setDecisions] = useState<SimulationDecision[]>([]);
  const [answer, setAnswer] = useState<SimulationAnswer | null>(null);
  const [upTo, setUpTo] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [preview, setPreview] = useState<{ nodeId: string; person: string } | null>(null);

  const run = async (script: SimulationDecision[]) => {
    setRunning(true);
    setFailure(null);
    try {
      const result = await api.simulate(formId, {
        record: data,
        flow,
        ...(submitter ? { submitter } : {}),
        ...(startAt ? { startAt } : {}),
        decisions: mode === 'all' ? 'approve_all' : script,
      });
      setDecisions(script);
      setAnswer(result);
      setUpTo(result.path.length - 1);
      onErrors([]);
    } catch (error) {
      setAnswer(null);
      if (error instanceof ApiError && error.definitionErrors.length > 0) {
        onErrors(error.definitionErrors);
        setFailure(t('sim.invalid', { n: error.definitionErrors.length }));
      } else setFailure(describeError(error, t));
    } finally {
      setRunning(false);
    }
  };

  useEffect(() => {
    onOverlay(answer ? simulationOverlay(flow, answer, upTo) : {});
  }, [answer, upTo, flow, onOverlay]);

  const open = useMemo(
    () =>
      (answer?.tasks ?? []).filter(
        (g) => g.kind !== 'cc' && g.assignees.some((a) => a.status === 'open'),
      ),
    [answer],
  );

  const outcome = answer?.finalState;
  const previewNode = preview ? flow.nodes.find((n) => n.id === preview.nodeId) : undefined;

  return (
    <div className="sim-panel" data-testid="simulation-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('sim.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('sim.intro')}</Typography.Paragraph>
      <Card size="small" title={t('sim.sample')} className="sim-card">
        <ErrorBoundary
          fallback={() => (
            <Typography.Text type="danger">{t('preview.invalidForm')}</Typography.Text>
          )}
        >
          <SampleData form={form} onData={setData} />
        </ErrorBoundary>
      </Card>
      <Form layout="vertical" component="div" style={{ marginTop: 12 }}>
        <Form.Item label={t('sim.submitter')} htmlFor="sim-submitter">
          <Select
            id="sim-submitter"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('sim.submitterMe')}
            value={submitter}
            onChange={(v?: string) => setSubmitter(v)}
            options={directory.users.map((u) => ({
              value: u.username,
              label: `${u.displayName} (${u.username})`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('sim.startAt')} htmlFor="sim-start">
          <DatePicker
            id="sim-start"
            showTime
            style={{ width: '100%' }}
            onChange={(d) => setStartAt(d ? d.toISOString() : undefined)}
          />
        </Form.Item>
        <Form.Item label={t('sim.mode')}>
          <Segmented
            value={mode}
            onChange={(m) => setMode(m as 'all' | 'step')}
            options={[
              { value: 'step', label: t('sim.mode.step') },
              { value: 'all', label: t('sim.mode.all') },
            ]}
          />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            icon={<CaretRightOutlined />}
            loading={running}
            onClick={() => void run([])}
            data-testid="sim-run"
          >
            {t('sim.run')}
          </Button>
          {decisions.length > 0 && (
            <Button icon={<ReloadOutlined />} onClick={() => void run([])}>
              {t('sim.restart')}
            </Button>
          )}
        </Space>
      </Form>
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure}
          style={{ marginTop: 12 }}
          data-testid="sim-error"
        />
      )}
      {answer && outcome && (
        <div className="sim-result" data-testid="sim-result">
          <Flex gap={8} align="center" wrap style={{ margin: '16px 0 8px' }}>
            <Tag
              data-testid="sim-outcome"
              data-value={
                outcome.status === 'completed'
                  ? (outcome.outcome ?? '')
                  : answer.stalled
                    ? 'waiting'
                    : outcome.status
              }
              color={
                outcome.status === 'failed'
                  ? 'red'
                  : outcome.outcome === 'approved'
                    ? 'green'
                    : outcome.outcome === 'rejected'
                      ? 'volcano'
                      : 'blue'
              }
            >
              {outcome.status === 'completed'
                ? t(`sim.outcome.${outcome.outcome ?? 'approved'}`)
                : outcome.status === 'failed'
                  ? t('sim.outcome.failed', { message: outcome.error?.message ?? '' })
                  : t('sim.outcome.waiting')}
            </Tag>
            <Typography.Text type="secondary">
              {t('sim.endedAt', { time: formatDateTime(answer.endedAt) })}
            </Typography.Text>
          </Flex>
          {open.map((group) => (
            <Card
              key={`${group.nodeId}:${group.activation}`}
              size="small"
              className="sim-decide"
              data-testid={`sim-decide-${group.nodeId}`}
            >
              <Typography.Text strong>
                {t('sim.waitingAt', { node: text(group.nodeName, group.nodeId) })}
              </Typography.Text>
              <Flex vertical gap={6} style={{ marginTop: 6 }}>
                {group.assignees
                  .filter((a) => a.status === 'open')
                  .map((a) => (
                    <Flex key={a.id} gap={6} align="center" wrap>
                      <span className="sim-person">{a.displayName}</span>
                      {group.kind === 'fill' || group.kind === 'resubmit' ? (
                        <Button
                          size="small"
                          onClick={() =>
                            void run([
                              ...decisions,
                              { nodeId: group.nodeId, action: 'submit', by: a.username },
                            ])
                          }
                        >
                          {t('sim.submit')}
                        </Button>
                      ) : (
                        <>
                          <Button
                            size="small"
                            type="primary"
                            ghost
                            onClick={() =>
                              void run([
                                ...decisions,
                                { nodeId: group.nodeId, action: 'approve', by: a.username },
                              ])
                            }
                          >
                            {t('flow.edge.approve')}
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() =>
                              void run([
                                ...decisions,
                                { nodeId: group.nodeId, action: 'reject', by: a.username },
                              ])
                            }
                          >
                            {t('flow.edge.reject')}
                          </Button>
                        </>
                      )}
                      <Button
                        size="small"
                        type="text"
                        icon={<EyeOutlined />}
                        onClick={() => setPreview({ nodeId: group.nodeId, person: a.displayName })}
                      >
                        {t('sim.preview')}
                      </Button>
                    </Flex>
                  ))}
              </Flex>
            </Card>
          ))}
          <Typography.Text strong>{t('sim.path')}</Typography.Text>
          <Steps
            direction="vertical"
            size="small"
            current={upTo}
            onChange={setUpTo}
            style={{ marginTop: 8 }}
            data-testid="sim-path"
            items={answer.path.map((entry) => {
              const holders = answer.tasks
                .filter((g) => g.nodeId === entry.nodeId && g.activation === entry.activation)
                .flatMap((g) =>
                  g.assignees.map(
                    (a) => `${a.displayName} (${t(`sim.task.${a.status}` as 'sim.task.open')})`,
                  ),
                );
              return {
                title: text(entry.nodeName, entry.nodeId),
                description: (
                  <span>
                    {formatDateTime(entry.at)}
                    {entry.result ? ` · ${entry.result}` : ''}
                    {holders.length > 0 && (
                      <span className="sim-holders"> · {holders.join(', ')}</span>
                    )}
                  </span>
                ),
              };
            })}
          />
          {answer.tasks.length > 0 && (
            <>
              <Typography.Text strong>{t('sim.tasks')}</Typography.Text>
              <ul className="plain-list sim-tasks" data-testid="sim-tasks">
                {answer.tasks.map((g) => (
                  <li key={`${g.nodeId}:${g.activation}:${g.kind}`}>
                    <span className="sim-task-node">{text(g.nodeName, g.nodeId)}</span>{' '}
                    {g.assignees.length === 0
                      ? t('sim.nobody')
                      : g.assignees.map((a) => (
                          <Tag key={a.id} className="sim-assignee">
                            {a.displayName} · {t(`sim.task.${a.status}` as 'sim.task.open')}
                          </Tag>
                        ))}
                    {g.assignees[0] && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          setPreview({
                            nodeId: g.nodeId,
                            person: g.assignees[0]?.displayName ?? '',
                          })
                        }
                      >
                        {t('sim.preview')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <Modal
        open={preview !== null}
        onCancel={() => setPreview(null)}
        footer={null}
        width={720}
        title={
          preview
            ? t('sim.previewTitle', {
                person: preview.person,
                node: text(previewNode?.name, preview.nodeId),
              })
            : ''
        }
        destroyOnHidden
      >
        {preview && <NodeFormPreview form={form} node={previewNode} data={data} />}
      </Modal>
    </div>
  );
}
