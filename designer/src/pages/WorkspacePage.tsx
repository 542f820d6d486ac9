import { Col, Flex, Row, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { useAuth } from '../auth/useAuth';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { FormCatalog } from '../workspace/FormCatalog';
import { HomeCounts } from '../workspace/HomeCounts';
import { NotificationsSummary } from '../workspace/NotificationsSummary';
import { RecentRecords } from '../workspace/RecentRecords';
import { TaskInbox } from '../workspace/TaskInbox';

/**
 * Home for staff: counts per inbox view, the inbox itself (with batch decisions), the
 * forms they can start, their recent records and notifications. On a phone the inbox
 * comes first, right under the counts.
 */
export function WorkspacePage() {
  const { user } = useAuth();
  const { t } = useI18n();
  const [refreshKey, setRefreshKey] = useState(0);
  const load = useCallback(
    (signal: AbortSignal) => api.workspaceSummary(signal),
    // refreshKey: counted again after a batch decision.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [refreshKey],
  );
  const { data } = useQuery(load);
  const changed = useCallback(() => setRefreshKey((n) => n + 1), []);

  return (
    <Flex vertical gap={20}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('home.greeting', { name: user?.displayName ?? '' })}
      </Typography.Title>
      <HomeCounts counts={data?.tasks} />
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={16}>
          <TaskInbox counts={data?.tasks} onChanged={changed} />
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={20}>
            <FormCatalog />
            <RecentRecords records={data?.recentRecords} />
            <NotificationsSummary refreshKey={refreshKey} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
