import type { TaskView, WorkspaceSummary } from '@liuyun/client';
import { Card, Col, Row } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n/useI18n';
import { inboxViews, isTaskView } from './TaskInbox';

const labels = {
  todo: 'home.count.todo',
  done: 'home.count.done',
  cc: 'home.count.cc',
  started: 'home.count.started',
} as const;

/** The four inbox views with how many items each holds; choosing one opens it below. */
export function HomeCounts({ counts }: { counts: WorkspaceSummary['tasks'] | undefined }) {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const current: TaskView = isTaskView(requested) ? requested : 'todo';
  return (
    <nav aria-label={t('home.counts')}>
      <Row gutter={[12, 12]} className="home-counts">
        {inboxViews.map((view) => (
          <Col key={view} xs={12} md={6}>
            <Card size="small" className={`count-card${view === current ? ' is-current' : ''}`}>
              <button
                type="button"
                className="count-button"
                aria-current={view === current ? 'true' : undefined}
                onClick={() => setParams({ view }, { replace: true })}
                data-testid={`count-${view}`}
              >
                <span className="count-value">{counts ? formatNumber(counts[view], 0) : '–'}</span>
                <span className="count-label">{t(labels[view])}</span>
              </button>
            </Card>
          </Col>
        ))}
      </Row>
    </nav>
  );
}
