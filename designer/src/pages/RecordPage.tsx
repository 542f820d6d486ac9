import { Card, Col, Empty, Grid, Row } from 'antd';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useAuth } from '../auth/useAuth';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { BackLink } from '../layout/BackLink';
import { RecordButtons } from '../record/RecordButtons';
import { RecordData } from '../record/RecordData';
import { RecordHeader } from '../record/RecordHeader';
import { RecordTimeline } from '../record/RecordTimeline';
import { TaskDecisionPanel } from '../record/TaskDecisionPanel';

// The canvas (React Flow) is the heaviest piece: fetched only when a record is opened.
const FlowCanvas = lazy(() => import('../flow/FlowCanvas'));

/** `/records/:id`: the data, the flow with the path taken, the timeline, and my decision. */
export default function RecordPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const { t, text } = useI18n();
  // On narrow screens the decision goes first, right under the status: that is what a phone user came for.
  const wide = Grid.useBreakpoint().xl === true;
  const load = useCallback(
    async (signal: AbortSignal) => {
      const record = await api.record(id, signal);
      const form = await api.form(record.formId, signal);
      return { record, form };
    },
    [id],
  );
  const { data, error, reload } = useQuery(load);
  const record = data?.record;

  const run = useMemo(
    () =>
      record?.process
        ? {
            path: record.process.path,
            activeNodeIds: record.process.activeNodeIds,
            tasks: record.tasks ?? [],
          }
        : null,
    [record],
  );

  if (error && !data) {
    return (
      <div className="page-wide">
        <BackLink />
        <ErrorState error={error} onRetry={reload} />
      </div>
    );
  }
  if (!data || !record) return <PageLoading />;

  const { form } = data;
  const myTask = (record.tasks ?? []).find(
    (task) => task.status === 'open' && user !== null && task.assignee?.id === user.id,
  );
  const decision = myTask ? (
    <TaskDecisionPanel
      key={myTask.id}
      task={myTask}
      flow={record.process?.flow}
      form={form.definition}
      data={record.data}
      onDecided={reload}
    />
  ) : null;

  return (
    <div className="page-wide">
      <BackLink />
      <RecordHeader record={record} form={form.definition} formName={text(form.name, form.key)} />
      <div style={{ marginTop: 12 }}>
        <RecordButtons formId={record.formId} recordId={record.id} onDone={reload} />
      </div>
      {!wide && decision && <div style={{ marginTop: 20 }}>{decision}</div>}
      <Row gutter={[20, 20]} style={{ marginTop: 20 }}>
        <Col xs={24} xl={15}>
          <Card className="panel" title={t('record.data')}>
            <RecordData
              form={form.definition}
              data={record.data}
              recordId={record.id}
              appKey={form.appKey}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {wide && decision}
          <Card
            className="panel"
            title={t('record.timeline')}
            style={{ marginTop: wide && decision ? 20 : 0 }}
          >
            <RecordTimeline entries={record.timeline ?? []} tasks={record.tasks ?? []} />
          </Card>
        </Col>
      </Row>
      <Card className="panel" title={t('record.flow')} style={{ marginTop: 20 }}>
        {record.process ? (
          <Suspense fallback={<PageLoading />}>
            <FlowCanvas flow={record.process.flow} run={run} height={wide ? 620 : 480} />
          </Suspense>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('record.noProcess')} />
        )}
      </Card>
    </div>
  );
}
