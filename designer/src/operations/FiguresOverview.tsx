import type { OperationsFigures } from '@liuyun/client';
import { Card, Col, Descriptions, Row, Statistic } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { formatBytes, formatDuration, formatLag } from './figures.format';

/** The database's work waiting, the job queue, this process and its connection pool. */
export function FiguresOverview({ figures }: { figures: OperationsFigures }) {
  const { t, formatNumber } = useI18n();
  const db = figures.database;
  const stat = (id: string, title: string, value: number | string, warn = false, wide = true) => (
    <Col xs={12} md={wide ? 8 : 6} xl={wide ? 4 : 6} key={id}>
      <Statistic
        title={title}
        value={value}
        data-testid={`ops-${id}`}
        styles={{ content: warn ? { color: 'var(--ant-color-error)' } : {} }}
      />
    </Col>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={t('ops.work')} className="panel">
          <Row gutter={[16, 16]}>
            {stat('open-tasks', t('ops.openTasks'), db.openTasks)}
            {stat('open-incidents', t('ops.openIncidents'), db.openIncidents, db.openIncidents > 0)}
            {stat('outbox-due', t('ops.outboxDue'), db.outbox.due)}
            {stat(
              'outbox-lag',
              t('ops.outboxLag'),
              formatLag(db.outbox.lagSeconds, t, formatNumber),
            )}
            {stat('timers-due', t('ops.timersDue'), db.timers.due)}
            {stat('timer-lag', t('ops.timerLag'), formatLag(db.timers.lagSeconds, t, formatNumber))}
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('ops.jobs')} className="panel">
          <Row gutter={[16, 16]}>
            {stat('jobs-running', t('ops.jobsRunning'), db.jobs.running, false, false)}
            {stat('jobs-retrying', t('ops.jobsRetrying'), db.jobs.waitingRetry, false, false)}
            {stat('jobs-failed', t('ops.jobsFailed'), db.jobs.failed, db.jobs.failed > 0, false)}
            {stat('job-retries', t('ops.jobRetries'), figures.jobRetriesTotal, false, false)}
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('ops.pool')} className="panel">
          <Row gutter={[16, 16]}>
            {stat('pool-in-use', t('ops.poolInUse'), db.pool.total - db.pool.idle, false, false)}
            {stat('pool-max', t('ops.poolMax'), db.pool.max, false, false)}
            {stat(
              'pool-waiting',
              t('ops.poolWaiting'),
              db.pool.waiting,
              db.pool.waiting > 0,
              false,
            )}
          </Row>
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('ops.process')} className="panel">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              {
                key: 'role',
                label: t('ops.process.role'),
                children: t(`ops.process.role.${figures.process.role}`),
              },
              {
                key: 'workers',
                label: t('ops.process.workers'),
                children: figures.process.workers
                  ? t('ops.process.workersOn')
                  : t('ops.process.workersOff'),
              },
              {
                key: 'uptime',
                label: t('ops.process.uptime'),
                children: formatDuration(figures.process.uptimeSeconds, t),
              },
              {
                key: 'memory',
                label: t('ops.process.memory'),
                children: formatBytes(figures.process.memoryRssBytes),
              },
              { key: 'pid', label: t('ops.process.pid'), children: String(figures.process.pid) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
