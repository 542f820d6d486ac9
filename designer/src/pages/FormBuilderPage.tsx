import '../styles/builder.css';
import { CloudUploadOutlined, RedoOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { ApiError, type DefinitionErrorDetail } from '@liuyun/client';
import { ReactFlowProvider } from '@xyflow/react';
import { App, Button, Flex, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { BuilderDoc } from '../builder/draft/builder-doc';
import {
  BuilderDirectoryContext,
  emptyDirectory,
  useBuilderDirectory,
  type BuilderDirectory,
} from '../builder/draft/builder-directory';
import { indexErrors } from '../builder/draft/definition-errors';
import { DocStore } from '../builder/draft/doc-store';
import { isTypingTarget } from '../builder/draft/keyboard';
import { loadBuilderDoc, type LoadedBuilderDoc } from '../builder/draft/load-builder-doc';
import { DocStoreContext, useDocHistory } from '../builder/draft/useDoc';
import { FlowTab } from '../builder/flow-editor/FlowTab';
import { FormDesigner } from '../builder/form-editor/FormDesigner';
import { describeError } from '../common/error-message';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { DirectoryNamesContext, type DirectoryNames } from '../flow/directory-names';
import { useI18n } from '../i18n/useI18n';

const VersionsTab = lazy(() => import('../builder/versions/VersionsTab'));

type Tab = 'form' | 'flow' | 'versions';
const TABS: Tab[] = ['form', 'flow', 'versions'];

/** Errors from the last save, publish or simulation, and the document they were found in. */
export interface FoundErrors {
  list: DefinitionErrorDetail[];
  doc: BuilderDoc | null;
}

/** `/build/forms/:formId?tab=form|flow|versions`: the form designer, the flow designer and the versions of one form. */
export default function FormBuilderPage() {
  const { formId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => loadBuilderDoc(formId, signal), [formId]);
  const { data, error, reload } = useQuery(load);
  const directoryLoad = useCallback(async (signal: AbortSignal): Promise<BuilderDirectory> => {
    const [users, roles, departments] = await Promise.all([
      api.lookupUsers('', signal),
      api.lookupRoles(signal),
      api.lookupDepartments(signal),
    ]);
    return { users, roles, departments };
  }, []);
  const directory = useQuery(directoryLoad);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <BuilderDirectoryContext.Provider value={directory.data ?? emptyDirectory}>
      <Builder key={`${data.published.id}:${data.draft?.revision ?? 0}`} loaded={data} />
    </BuilderDirectoryContext.Provider>
  );
}

function Builder({ loaded }: { loaded: LoadedBuilderDoc }) {
  const [store] = useState(() => new DocStore(loaded.doc));
  return (
    <DocStoreContext.Provider value={store}>
      <BuilderFrame loaded={loaded} store={store} />
    </DocStoreContext.Provider>
  );
}

function BuilderFrame({ loaded, store }: { loaded: LoadedBuilderDoc; store: DocStore }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { formId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const rawTab = search.get('tab') ?? 'form';
  const tab: Tab = TABS.includes(rawTab as Tab) ? (rawTab as Tab) : 'form';
  const history = useDocHistory();
  const doc = history.present;
  const people = useBuilderDirectory();
  const directory = useMemo<DirectoryNames>(() => {
    const users = new Map(people.users.map((u) => [u.username, u.displayName]));
    const roles = new Map(people.roles.map((r) => [r.key, r.name]));
    return {
      userName: (u) => users.get(u) ?? u,
      roleName: (r) => text(roles.get(r), r),
    };
  }, [people, text]);
  const [errors, setErrors] = useState<FoundErrors>({
    list: loaded.draft?.warnings ?? [],
    doc: loaded.draft ? loaded.doc : null,
  });
  const [revision, setRevision] = useState(loaded.draft?.revision ?? 0);
  const [publishedVersion, setPublishedVersion] = useState(loaded.published.version);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const errorIndex = useMemo(() => indexErrors(errors.list), [errors.list]);
  const dirty = store.dirty;

  const save = useCallback(async () => {
    setBusy('save');
    try {
      const saved = await api.saveDraft(formId, { definition: doc.definition, flow: doc.flow });
      store.markSaved(doc);
      setRevision(saved.revision);
      setErrors({ list: saved.warnings, doc });
      if (saved.publishable) void message.success(t('builder.saved'));
      else void message.warning(t('builder.savedWithErrors', { n: saved.warnings.length }));
    } catch (failure) {
      void message.error(describeError(failure, t));
    } finally {
      setBusy(null);
    }
  }, [doc, formId, message, store, t]);

  const publish = useCallback(async () => {
    setBusy('publish');
    try {
      const answer = await api.publish(formId, { definition: doc.definition, flow: doc.flow });
      await api.saveDraft(formId, { definition: doc.definition, flow: doc.flow });
      store.markSaved(doc);
      setErrors({ list: [], doc });
      setPublishedVersion(answer.version);
      void message.success(t('builder.published', { version: answer.version }));
    } catch (failure) {
      if (failure instanceof ApiError && failure.definitionErrors.length > 0) {
        setErrors({ list: failure.definitionErrors, doc });
        void message.error(t('builder.publishRefused', { n: failure.definitionErrors.length }));
      } else void message.error(describeError(failure, t));
    } finally {
      setBusy(null);
    }
  }, [doc, formId, message, store, t]);

  // Ctrl+S saves, Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) undo and redo — except while typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        void save();
        return;
      }
      if (isTypingTarget(event.target)) return;
      if (key === 'z' && !event.shiftKey) store.undo();
      else if (key === 'y' || (key === 'z' && event.shiftKey)) store.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, store]);

  const confirmLeave = (to: string) => {
    if (!store.dirty) return navigate(to);
    modal.confirm({
      title: t('builder.leaveTitle'),
      content: t('builder.leaveBody'),
      okText: t('builder.leave'),
      cancelText: t('common.cancel'),
      onOk: () => navigate(to),
    });
  };

  return (
    <DirectoryNamesContext.Provider value={directory}>
      <div className="builder-page" data-testid="form-builder">
        <Flex className="builder-header" justify="space-between" align="center" wrap gap={12}>
          <Flex vertical gap={2}>
            <Link
              to="/build"
              className="back-link"
              onClick={(e) => {
                e.preventDefault();
                confirmLeave('/build');
              }}
            >
              ← {t('builder.apps')}
            </Link>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {text(doc.definition.name, doc.definition.key)}
              </Typography.Title>
              <Tag>{t('builder.publishedVersion', { version: publishedVersion })}</Tag>
              {dirty ? (
                <Tag color="orange" data-testid="doc-state">
                  {t('builder.unsaved')}
                </Tag>
              ) : (
                <Tag color="green" data-testid="doc-state">
                  {revision > 0 ? t('builder.draftSaved', { revision }) : t('builder.upToDate')}
                </Tag>
              )}
            </Flex>
          </Flex>
          <Space wrap>
            <Tooltip title="Ctrl+Z">
              <Button
                icon={<UndoOutlined />}
                disabled={history.past.length === 0}
                onClick={() => store.undo()}
                aria-label={t('builder.undo')}
              >
                {t('builder.undo')}
              </Button>
            </Tooltip>
            <Tooltip title="Ctrl+Y">
              <Button
                icon={<RedoOutlined />}
                disabled={history.future.length === 0}
                onClick={() => store.redo()}
                aria-label={t('builder.redo')}
              >
                {t('builder.redo')}
              </Button>
            </Tooltip>
            <Tooltip title="Ctrl+S">
              <Button
                icon={<SaveOutlined />}
                loading={busy === 'save'}
                onClick={() => void save()}
                data-testid="save-draft"
              >
                {t('builder.saveDraft')}
              </Button>
            </Tooltip>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={busy === 'publish'}
              onClick={() => void publish()}
              data-testid="publish"
            >
              {t('builder.publish')}
            </Button>
          </Space>
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch({ tab: key })}
          items={TABS.map((key) => ({
            key,
            label: (
              <span data-testid={`builder-tab-${key}`}>
                {t(`builder.tab.${key}`)}
                {key === 'form' && errorIndex.fields.size + errorIndex.form.length > 0 ? ' ⚠' : ''}
                {key === 'flow' &&
                errorIndex.nodes.size + errorIndex.edges.size + errorIndex.flow.length > 0
                  ? ' ⚠'
                  : ''}
              </span>
            ),
          }))}
        />
        {tab === 'form' && (
          <FormDesigner errors={errorIndex} errorsIn={errors.doc?.definition ?? null} />
        )}
        {tab === 'flow' && (
          <ReactFlowProvider>
            <FlowTab
              formId={formId}
              errors={errorIndex}
              errorsIn={errors.doc?.flow ?? null}
              onSimulationErrors={(list) => setErrors({ list, doc })}
            />
          </ReactFlowProvider>
        )}
        {tab === 'versions' && (
          <Suspense fallback={<PageLoading />}>
            <VersionsTab
              key={publishedVersion}
              formId={formId}
              current={doc}
              publishedVersion={publishedVersion}
            />
          </Suspense>
        )}
      </div>
    </DirectoryNamesContext.Provider>
  );
}
