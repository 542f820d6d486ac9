import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Input, Popover, Segmented, Space, Typography } from 'antd';
import type { FormRecord, RecordListQuery, SavedView, ViewType } from '@liuyun/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { visibleForm } from '../records-list/visible-form';
import { useAuth } from '../auth/useAuth';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';
import { BackLink } from '../layout/BackLink';
import { ImportExport } from '../records-list/ImportExport';
import { PublicLinkSwitch } from '../records-list/PublicLinkSwitch';
import { RecordCalendar } from '../records-list/RecordCalendar';
import { RecordKanban } from '../records-list/RecordKanban';
import { RecordTable, type TableState } from '../records-list/RecordTable';
import { SavedViews } from '../records-list/SavedViews';
import { FilterButton, FilterPanel } from '../records-list/FilterBuilder';
import {
  columnChoices,
  readFilter,
  sentConditions,
  withColumnChoices,
  writeFilter,
  type ListFilter,
} from '../records-list/filter-model';
import { choiceFields, dateFields, listableFields } from '../records-list/record-columns';

const PAGE_SIZE = 20;
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `/forms/:formId/records`: the form's records as a table, a kanban or a calendar. */
export default function RecordListPage() {
  const { formId = '' } = useParams();
  const { t, text } = useI18n();
  const { user } = useAuth();
  const loadForm = useCallback(
    (signal: AbortSignal) => api.form(formId, signal).then(visibleForm),
    [formId],
  );
  const { data: published, error, reload } = useQuery(loadForm);

  const [viewType, setViewType] = useState<ViewType>('table');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('createdAt:desc');
  const [filterOpen, setFilterOpen] = useState(false);
  // The filter and the chosen view live in the address bar: a reload or a shared link keeps them.
  const [params, setParams] = useSearchParams();
  const filterParam = params.get('filter');
  const viewId = params.get('view');
  const filter = useMemo(() => readFilter(filterParam ?? ''), [filterParam]);
  const setFilter = useCallback(
    (next: ListFilter, view?: string | null) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          const written = writeFilter(next);
          if (written === null) out.delete('filter');
          else out.set('filter', written);
          if (view === null) out.delete('view');
          else if (view !== undefined) out.set('view', view);
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );
  const state: TableState = useMemo(
    () => ({ sort, choices: columnChoices(filter) }),
    [sort, filter],
  );
  const [columns, setColumns] = useState<string[] | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<{ items: FormRecord[]; next: string | null }>({
    items: [],
    next: null,
  });
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  const definition = published?.definition;
  const allColumns = useMemo(
    () => (definition ? listableFields(definition).map(([k]) => k) : []),
    [definition],
  );
  const shown = useMemo(() => columns ?? allColumns.slice(0, 8), [columns, allColumns]);
  const groupField = definition ? choiceFields(definition)[0]?.[0] : undefined;
  const dateField = definition ? dateFields(definition)[0]?.[0] : undefined;

  const query: RecordListQuery = useMemo(() => {
    const conditions = sentConditions(filter.conditions);
    return {
      sort,
      search: search.trim() || undefined,
      filter: conditions.length === 0 ? [] : { match: filter.match, conditions },
      columns: shown,
      tz: timeZone,
    };
  }, [sort, filter, search, shown]);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    if (!published || viewType !== 'table') return;
    const controller = new AbortController();
    setLoading(true);
    api
      .listRecords(published.id, query, { limit: PAGE_SIZE, cursor }, controller.signal)
      .then((p) => setPage({ items: p.items, next: p.nextCursor }))
      .catch(() => setPage({ items: [], next: null }))
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [published, query, cursor, viewType, tick]);

  const restart = () => setCursors([null]);
  const applyView = (view: SavedView | null) => {
    restart();
    if (!view) {
      setViewType('table');
      setSearch('');
      setSort('createdAt:desc');
      setFilter({ match: 'all', conditions: [] }, null);
      setColumns(null);
      return;
    }
    setViewType(view.type);
    setSearch(view.config.search ?? '');
    setSort(view.config.sort ?? 'createdAt:desc');
    setFilter(readFilter(view.config.filter ?? []), view.id);
    setColumns(view.config.columns ?? null);
  };

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!published || !definition) return <PageLoading />;

  const views: { value: ViewType; label: string }[] = [
    { value: 'table', label: t('records.view.table') },
  ];
  if (groupField) views.push({ value: 'kanban', label: t('records.view.kanban') });
  if (dateField) views.push({ value: 'calendar', label: t('records.view.calendar') });

  const columnPicker = (
    <Checkbox.Group
      value={shown}
      onChange={(v) => setColumns(v.map(String))}
      options={allColumns.map((k) => ({
        value: k,
        label: text(definition.schema.properties[k]?.['x-label'], k),
      }))}
      style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
      data-testid="column-picker"
    />
  );

  return (
    <div className="page-wide">
      <BackLink />
      <Card className="panel">
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('records.title', { form: text(published.name, published.key) })}
            </Typography.Title>
            <Space wrap>
              <SavedViews
                formId={published.id}
                current={{
                  type: viewType,
                  config: {
                    sort: query.sort,
                    ...(query.search ? { search: query.search } : {}),
                    filter: query.filter ?? [],
                    columns: shown,
                    ...(viewType === 'kanban' && groupField ? { groupField } : {}),
                    ...(viewType === 'calendar' && dateField ? { dateField } : {}),
                  },
                }}
                selected={viewId}
                onApply={applyView}
              />
              <ImportExport
                formId={published.id}
                query={query}
                onImported={() => setTick((n) => n + 1)}
              />
              {user?.isAdmin && <PublicLinkSwitch formId={published.id} />}
            </Space>
          </Flex>
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Segmented<ViewType>
              options={views}
              value={viewType}
              onChange={setViewType}
              data-testid="view-switch"
            />
            <Space wrap>
              <Input.Search
                allowClear
                aria-label={t('records.search')}
                placeholder={t('records.search')}
                defaultValue={search}
                key={search}
                onSearch={(v) => {
                  restart();
                  setSearch(v);
                }}
                style={{ width: 260 }}
                data-testid="record-search"
              />
              <FilterButton
                value={filter}
                open={filterOpen}
                onToggle={() => setFilterOpen((o) => !o)}
              />
              <Popover trigger="click" content={columnPicker} title={t('records.columns')}>
                <Button icon={<SettingOutlined />} data-testid="columns-button">
                  {t('records.columns')}
                </Button>
              </Popover>
            </Space>
          </Flex>
          {filterOpen && (
            <FilterPanel
              key={filterParam ?? ''}
              formId={published.id}
              form={definition}
              value={filter}
              onApply={(next) => {
                restart();
                setFilter(next);
                setFilterOpen(false);
              }}
            />
          )}
          {viewType === 'table' && (
            <>
              <RecordTable
                published={published}
                items={page.items}
                loading={loading}
                columns={shown}
                state={state}
                onChange={(next) => {
                  restart();
                  setSort(next.sort);
                  setFilter(
                    withColumnChoices(
                      filter,
                      choiceFields(definition).map(([k]) => k),
                      next.choices,
                    ),
                  );
                }}
              />
              <Flex justify="flex-end" gap={8}>
                <Button
                  disabled={cursors.length <= 1}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  {t('records.previous')}
                </Button>
                <Button
                  disabled={!page.next}
                  onClick={() => setCursors((c) => [...c, page.next])}
                  data-testid="next-page"
                >
                  {t('records.next')}
                </Button>
              </Flex>
            </>
          )}
          {viewType === 'kanban' && groupField && (
            <RecordKanban
              published={published}
              groupField={groupField}
              query={{ ...query, sort: 'updatedAt:desc' }}
            />
          )}
          {viewType === 'calendar' && dateField && (
            <RecordCalendar published={published} dateField={dateField} query={query} />
          )}
        </Flex>
      </Card>
    </div>
  );
}
