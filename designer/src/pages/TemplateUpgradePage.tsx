import '../styles/templates.css';
import { WarningOutlined } from '@ant-design/icons';
import type { UpgradeChange, UpgradeResolution } from '@liuyun/client';
import { App, Alert, Button, Card, Empty, Flex, Result, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { BackLink } from '../layout/BackLink';
import { UpgradeChangesTable } from '../templates/UpgradeChangesTable';

/** Decisions the page starts with: a change that would break records stays as it is. */
function initialDecisions(changes: UpgradeChange[]): Record<string, UpgradeResolution> {
  return Object.fromEntries(
    changes.filter((c) => c.breaksRecords > 0).map((c) => [c.id, 'mine' as const]),
  );
}

/** `/build/apps/:appKey/upgrade`: what the template's new version changes, and the upgrade. */
export default function TemplateUpgradePage() {
  const { appKey = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(
    (signal: AbortSignal) => api.templateUpgradePlan(appKey, signal),
    [appKey],
  );
  const { data, error, reload } = useQuery(load);
  const [picked, setPicked] = useState<Record<string, UpgradeResolution>>({});
  const [busy, setBusy] = useState(false);
  const decisions = useMemo(
    () => ({ ...initialDecisions(data?.changes ?? []), ...picked }),
    [data, picked],
  );
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const open = data.changes.filter((c) => c.outcome === 'conflict' && !decisions[c.id]).length;
  return (
    <div className="page-wide" data-testid="template-upgrade">
      <BackLink to="/build" />
      <Typography.Title level={3}>{t('tpl.upgradeTitle', { app: appKey })}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="upgrade-versions">
        {t('tpl.upgradeFrom', {
          template: data.templateKey,
          from: data.installedVersion ?? '?',
          to: data.availableVersion,
        })}
      </Typography.Paragraph>
      {!data.baseKnown && (
        <Alert
          type="info"
          showIcon
          message={t('tpl.upgradeUnknownBase')}
          style={{ marginBottom: 16 }}
        />
      )}
      {data.upToDate ? (
        <Result status="success" title={t('tpl.upToDate')} data-testid="upgrade-up-to-date" />
      ) : (
        <Card className="panel">
          {data.changes.length === 0 ? (
            <Empty description={t('tpl.noChanges')} />
          ) : (
            <UpgradeChangesTable
              changes={data.changes}
              decisions={decisions}
              onDecide={(id, choice) => setPicked((p) => ({ ...p, [id]: choice }))}
            />
          )}
          <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
            {open > 0 && (
              <Typography.Text strong data-testid="conflicts-left">
                <WarningOutlined aria-hidden="true" /> {t('tpl.conflictsLeft', { count: open })}
              </Typography.Text>
            )}
            <Button
              type="primary"
              disabled={open > 0}
              loading={busy}
              data-testid="upgrade-apply"
              onClick={async () => {
                setBusy(true);
                try {
                  const done = await api.upgradeApp(appKey, data.revision, decisions);
                  void message.success(
                    t('tpl.upgradeDone', {
                      version: done.version,
                      applied: done.applied,
                      kept: done.kept,
                    }),
                  );
                  setPicked({});
                  reload();
                } catch (failure) {
                  void message.error(describeError(failure, t));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('tpl.upgrade')}
            </Button>
          </Flex>
        </Card>
      )}
    </div>
  );
}
