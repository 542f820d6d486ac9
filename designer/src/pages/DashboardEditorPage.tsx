import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { ApiError, type ChartData, type ChartForm, type Dashboard } from '@liuyun/client';
import type { ChartDefinition, DashboardDefinition, DashboardError } from '@liuyun/definitions';
import { Alert, App, Button, Card, Col, Flex, Input, Popconfirm, Row, Typography } from 'antd';
import { useCallback, useEffect, useId, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { ChartCard } from '../analytics/ChartCard';
import { ChartEditor } from '../analytics/ChartEditor';
import { freshChartId, newChart } from '../analytics/chart-draft';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { BackLink } from '../layout/BackLink';

const PREVIEW_DELAY_MS = 350;

function definitionErrors(error: unknown): DashboardError[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  return error.allDetails as DashboardError[];
}

/** Evaluates the chart being edited, a moment after the last change. */
function useChartPreview(appKey: string, chart: ChartDefinition | undefined, timeZone?: string) {
  const [state, setState] = useState<{
    data?: ChartData;
    errors?: DashboardError[];
    failure?: unknown;
  }>({});
  useEffect(() => {
    if (!chart) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .previewChart(appKey, chart, timeZone, controller.signal)
        .then((data) => setState({ data }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const errors = definitionErrors(error);
          setState(errors ? { errors } : { failure: error });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [appKey, chart, timeZone]);
  return state;
}

function Editor({
  appKey,
  forms,
  saved,
}: {
  appKey: string;
  forms: ChartForm[];
  saved: Dashboard | null;
}) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const ids = useId();
  const [draft, setDraft] = useState<DashboardDefinition>(
    () =>
      saved?.definition ?? {
        key: `dashboard_${Date.now().toString(36)}`,
        name: { zh: '新仪表盘', en: 'New dashboard' },
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        charts: forms[0] ? [newChart('chart_1', forms[0], { zh: '新图表', en: 'New chart' })] : [],
      },
  );
  const [version, setVersion] = useState(saved?.version ?? 0);
  const [selected, setSelected] = useState(0);
  const [saveErrors, setSaveErrors] = useState<DashboardError[] | null>(null);
  const [saving, setSaving] = useState(false);
  const chart = draft.charts[selected];
  const preview = useChartPreview(appKey, chart, draft.timeZone);

  const setChart = (next: ChartDefinition) =>
    setDraft((d) => ({ ...d, charts: d.charts.map((c, i) => (i === selected ? next : c)) }));
  const move = (from: number, to: number) => {
    setDraft((d) => {
      const charts = [...d.charts];
      const [item] = charts.splice(from, 1);
      if (item) charts.splice(to, 0, item);
      return { ...d, charts };
    });
    setSelected(to);
  };

  const save = async () => {
    setSaving(true);
    setSaveErrors(null);
    try {
      const result = saved
        ? await api.saveDashboard(saved.id, version, draft)
        : await api.createDashboard(appKey, draft);
      setVersion(result.version);
      void message.success(t('editor.saved'));
      if (!saved) navigate(`/dashboards/${result.id}/edit`, { replace: true });
    } catch (error) {
      const errors = definitionErrors(error);
      if (errors) setSaveErrors(errors);
      else if (error instanceof ApiError && error.code === 'stale_version')
        void message.error(t('editor.stale'));
      else void message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!saved) return;
    try {
      await api.deleteDashboard(saved.id);
      void message.success(t('editor.deleted'));
      navigate('/dashboards', { replace: true });
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  return (
    <div className="page-wide">
      <BackLink to={saved ? `/dashboards/${saved.id}` : '/dashboards'} />
      <Flex align="center" justify="space-between" wrap gap={12} className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {saved ? t('editor.titleEdit') : t('editor.titleNew')}
        </Typography.Title>
        <Flex gap={8}>
          {saved && (
            <Popconfirm
              title={t('editor.deleteConfirm')}
              onConfirm={() => void remove()}
              okButtonProps={{ danger: true }}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('editor.delete')}
              </Button>
            </Popconfirm>
          )}
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={saving}
            onClick={() => void save()}
            data-testid="editor-save"
          >
            {t('editor.save')}
          </Button>
        </Flex>
      </Flex>
      {saveErrors && (
        <Alert
          type="error"
          showIcon
          title={t('editor.errors')}
          description={
            <ul className="plain-list">
              {saveErrors.map((e, i) => (
                <li key={i}>
                  <code>{e.path}</code> {e.message}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
          data-testid="editor-errors"
        />
      )}
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={8}>
          <Card className="panel" title={t('editor.charts')} size="small">
            <div className="editor-field">
              <label className="field-label" htmlFor={`${ids}-nzh`}>
                {t('editor.nameZh')}
              </label>
              <Input
                id={`${ids}-nzh`}
                value={draft.name.zh}
                onChange={(e) =>
                  setDraft({ ...draft, name: { ...draft.name, zh: e.target.value } })
                }
              />
            </div>
            <div className="editor-field">
              <label className="field-label" htmlFor={`${ids}-nen`}>
                {t('editor.nameEn')}
              </label>
              <Input
                id={`${ids}-nen`}
                value={draft.name.en}
                onChange={(e) =>
                  setDraft({ ...draft, name: { ...draft.name, en: e.target.value } })
                }
              />
            </div>
            <ol className="editor-chart-list" aria-label={t('editor.charts')}>
              {draft.charts.map((c, i) => (
                <li key={c.id} className={i === selected ? 'is-selected' : undefined}>
                  <Button
                    type="text"
                    className="editor-chart-pick"
                    aria-pressed={i === selected}
                    onClick={() => setSelected(i)}
                    data-testid={`editor-chart-${c.id}`}
                  >
                    {text(c.title, c.id)} · {t(`editor.type.${c.type}`)}
                  </Button>
                  <Flex gap={2}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('editor.moveUp')}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    />
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('editor.moveDown')}
                      disabled={i === draft.charts.length - 1}
                      onClick={() => move(i, i + 1)}
                    />
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('editor.removeChart')}
                      onClick={() => {
                        setDraft({ ...draft, charts: draft.charts.filter((_, j) => j !== i) });
                        setSelected(Math.max(0, Math.min(selected, draft.charts.length - 2)));
                      }}
                    />
                  </Flex>
                </li>
              ))}
            </ol>
            <Button
              icon={<PlusOutlined />}
              block
              disabled={!forms[0]}
              data-testid="editor-add-chart"
              onClick={() => {
                if (!forms[0]) return;
                const id = freshChartId(draft.charts);
                setDraft({
                  ...draft,
                  charts: [
                    ...draft.charts,
                    newChart(id, forms[0], {
                      zh: t('editor.newChartTitle'),
                      en: t('editor.newChartTitle'),
                    }),
                  ],
                });
                setSelected(draft.charts.length);
              }}
            >
              {t('editor.addChart')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {chart && (
            <Flex vertical gap={16}>
              <Card className="panel" size="small" title={t('editor.chart')}>
                <ChartEditor key={chart.id} chart={chart} forms={forms} onChange={setChart} />
              </Card>
              <section aria-label={t('editor.preview')} data-testid="editor-preview">
                <Typography.Title level={5}>{t('editor.preview')}</Typography.Title>
                {preview.errors ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('editor.previewErrors')}
                    description={
                      <ul className="plain-list">
                        {preview.errors.map((e, i) => (
                          <li key={i}>
                            <code>{e.path}</code> {e.message}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                ) : preview.failure ? (
                  <ErrorState error={preview.failure} />
                ) : (
                  <ChartCard
                    chart={chart}
                    result={preview.data?.chartId === chart.id ? preview.data : undefined}
                    loading
                  />
                )}
              </section>
            </Flex>
          )}
        </Col>
      </Row>
    </div>
  );
}

/** `/dashboards/new?app=…` and `/dashboards/:id/edit`: charts by form, dimension, measure and filter, previewed live. */
export default function DashboardEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const saved = id ? await api.dashboard(id, signal) : null;
      const appKey = saved?.appKey ?? params.get('app') ?? '';
      const forms = await api.chartForms(appKey, signal);
      return { saved, appKey, forms };
    },
    [id, params],
  );
  const { data, error, reload } = useQuery(load);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <Editor
      key={data.saved?.id ?? 'new'}
      appKey={data.appKey}
      forms={data.forms}
      saved={data.saved}
    />
  );
}
