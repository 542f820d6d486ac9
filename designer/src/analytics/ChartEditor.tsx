import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ChartForm } from '@liuyun/client';
import type {
  ChartDefinition,
  ChartDimension,
  ChartFieldInfo,
  ChartFilter,
  ChartType,
  GroupQuery,
  MeasureOp,
} from '@liuyun/definitions';
import {
  Alert,
  Button,
  Col,
  Flex,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';
import { fieldsOf, fitFilter, opsFor, withForm } from './chart-draft';

/** Long lists (forms, fields) are searched by what they show. */
const SEARCH_BY_LABEL = { optionFilterProp: 'label' as const };

const TYPES: ChartType[] = ['bar', 'line', 'pie', 'funnel', 'number', 'table'];
const MEASURES: MeasureOp[] = ['count', 'sum', 'avg', 'min', 'max'];

/** A labelled control: the label names the control for screen readers and for clicks. */
function Labelled({ label, children, id }: { label: string; children: ReactNode; id: string }) {
  return (
    <div className="editor-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
    </div>
  );
}

function FilterValue({
  filter,
  field,
  onChange,
  id,
}: {
  filter: ChartFilter;
  field: ChartFieldInfo | undefined;
  onChange: (value: ChartFilter['value']) => void;
  id: string;
}) {
  const { t, text } = useI18n();
  const { op, value } = filter;
  if (op === 'empty' || op === 'not_empty') return null;
  const label = t('editor.filterValue');
  if (op === 'within_days' || field?.kind === 'number') {
    return (
      <InputNumber
        id={id}
        aria-label={label}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(typeof v === 'number' ? v : 0)}
        style={{ width: '100%' }}
      />
    );
  }
  const many = op === 'in' || op === 'not_in';
  if (field?.kind === 'enum' || field?.kind === 'boolean') {
    const options =
      field.kind === 'boolean'
        ? [
            { value: 'true', label: t('ws.yes') },
            { value: 'false', label: t('ws.no') },
          ]
        : (field.enumLabels ?? []).map((e) => ({ value: e.value, label: text(e.label, e.value) }));
    const toStored = (v: string) => (field.kind === 'boolean' ? v === 'true' : v);
    const shown = Array.isArray(value)
      ? value.map(String)
      : value === undefined || value === null
        ? undefined
        : String(value);
    return (
      <Select
        id={id}
        aria-label={label}
        mode={many ? 'multiple' : undefined}
        value={shown}
        options={options}
        onChange={(v: string | string[]) =>
          onChange(Array.isArray(v) ? v.map((x) => toStored(x) as string) : toStored(v))
        }
        style={{ width: '100%' }}
      />
    );
  }
  if (many) {
    return (
      <Select
        id={id}
        aria-label={label}
        mode="tags"
        value={Array.isArray(value) ? value.map(String) : []}
        onChange={(v: string[]) => onChange(v)}
        style={{ width: '100%' }}
      />
    );
  }
  return (
    <Input
      id={id}
      aria-label={label}
      value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
      placeholder={field?.kind === 'date' || field?.kind === 'datetime' ? 'YYYY-MM-DD' : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function GroupEditor({
  query,
  forms,
  onChange,
}: {
  query: GroupQuery;
  forms: ChartForm[];
  onChange: (query: GroupQuery) => void;
}) {
  const { t, text } = useI18n();
  const base = useId();
  const form = forms.find((f) => f.key === query.form);
  const source = query.source ?? 'records';
  const fields = fieldsOf(form, source);
  const fieldOptions = (list: ChartFieldInfo[]) =>
    list.map((f) => ({ value: f.key, label: text(f.label, f.key) }));
  const dimField = fields.find((f) => f.key === query.dimension?.field);
  const numberFields = fields.filter((f) => f.kind === 'number');
  const setDimension = (dimension: ChartDimension | undefined) => {
    const next = { ...query };
    if (dimension) next.dimension = dimension;
    else delete next.dimension;
    onChange(next);
  };
  const filters = query.filters ?? [];
  const setFilters = (next: ChartFilter[]) => {
    const { filters: _old, ...rest } = query;
    onChange(next.length === 0 ? rest : { ...rest, filters: next });
  };

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.form')} id={`${base}-form`}>
            <Select
              id={`${base}-form`}
              value={query.form}
              options={forms.map((f) => ({ value: f.key, label: text(f.name, f.key) }))}
              showSearch={SEARCH_BY_LABEL}
              onChange={(key: string) => {
                const next = forms.find((f) => f.key === key);
                if (next) onChange(withForm(query, next, next.hasFlow ? source : 'records'));
              }}
              style={{ width: '100%' }}
              data-testid="editor-form"
            />
          </Labelled>
        </Col>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.source')} id={`${base}-source`}>
            <Segmented
              id={`${base}-source`}
              value={source}
              options={[
                { value: 'records', label: t('editor.source.records') },
                { value: 'tasks', label: t('editor.source.tasks'), disabled: !form?.hasFlow },
              ]}
              onChange={(v) => form && onChange(withForm(query, form, v as 'records' | 'tasks'))}
            />
          </Labelled>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.dimension')} id={`${base}-dim`}>
            <Select
              id={`${base}-dim`}
              value={query.dimension?.field ?? ''}
              options={[{ value: '', label: t('editor.noDimension') }, ...fieldOptions(fields)]}
              showSearch={SEARCH_BY_LABEL}
              onChange={(key: string) => {
                const f = fields.find((x) => x.key === key);
                if (!f) return setDimension(undefined);
                if (f.kind === 'date' || f.kind === 'datetime')
                  setDimension({ field: key, bucket: 'month' });
                else setDimension({ field: key });
              }}
              style={{ width: '100%' }}
              data-testid="editor-dimension"
            />
          </Labelled>
        </Col>
        <Col xs={24} md={12}>
          {(dimField?.kind === 'date' || dimField?.kind === 'datetime') && query.dimension && (
            <Labelled label={t('editor.bucket')} id={`${base}-bucket`}>
              <Segmented
                id={`${base}-bucket`}
                value={query.dimension.bucket ?? 'day'}
                options={(['day', 'week', 'month'] as const).map((b) => ({
                  value: b,
                  label: t(`editor.bucket.${b}`),
                }))}
                onChange={(b) =>
                  setDimension({
                    field: query.dimension!.field,
                    bucket: b as 'day' | 'week' | 'month',
                  })
                }
              />
            </Labelled>
          )}
          {dimField?.kind === 'number' && query.dimension && (
            <Labelled label={t('editor.step')} id={`${base}-step`}>
              <InputNumber
                id={`${base}-step`}
                min={0.01}
                value={query.dimension.step ?? null}
                onChange={(v) =>
                  setDimension(
                    typeof v === 'number' && v > 0
                      ? { field: query.dimension!.field, step: v }
                      : { field: query.dimension!.field },
                  )
                }
                style={{ width: '100%' }}
              />
            </Labelled>
          )}
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.measure')} id={`${base}-measure`}>
            <Select
              id={`${base}-measure`}
              value={query.measure.op}
              options={MEASURES.map((op) => ({
                value: op,
                label: t(`editor.measure.${op}`),
                disabled: op !== 'count' && numberFields.length === 0,
              }))}
              onChange={(op: MeasureOp) =>
                onChange({
                  ...query,
                  measure:
                    op === 'count'
                      ? { op }
                      : { op, field: query.measure.field ?? numberFields[0]?.key ?? '' },
                })
              }
              style={{ width: '100%' }}
              data-testid="editor-measure"
            />
          </Labelled>
        </Col>
        <Col xs={24} md={12}>
          {query.measure.op !== 'count' && (
            <Labelled label={t('editor.measureField')} id={`${base}-mfield`}>
              <Select
                id={`${base}-mfield`}
                value={query.measure.field}
                options={fieldOptions(numberFields)}
                showSearch={SEARCH_BY_LABEL}
                onChange={(field: string) =>
                  onChange({ ...query, measure: { op: query.measure.op, field } })
                }
                style={{ width: '100%' }}
                data-testid="editor-measure-field"
              />
            </Labelled>
          )}
        </Col>
      </Row>
      {query.dimension && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Labelled label={t('editor.sort')} id={`${base}-sort`}>
              <Select
                id={`${base}-sort`}
                value={query.sort ?? 'key'}
                options={(['key', 'value_desc', 'value_asc'] as const).map((s) => ({
                  value: s,
                  label: t(`editor.sort.${s}`),
                }))}
                onChange={(sort: 'key' | 'value_desc' | 'value_asc') =>
                  onChange({ ...query, sort })
                }
                style={{ width: '100%' }}
              />
            </Labelled>
          </Col>
          <Col xs={24} md={12}>
            <Labelled label={t('editor.limit')} id={`${base}-limit`}>
              <InputNumber
                id={`${base}-limit`}
                min={1}
                max={200}
                value={query.limit ?? 50}
                onChange={(v) => onChange({ ...query, limit: typeof v === 'number' ? v : 50 })}
                style={{ width: '100%' }}
              />
            </Labelled>
          </Col>
        </Row>
      )}
      <Typography.Title level={5} className="editor-subtitle">
        {t('editor.filters')}
      </Typography.Title>
      {filters.map((filter, i) => {
        const field = fields.find((f) => f.key === filter.field);
        const id = `${base}-f${i}`;
        return (
          <Flex
            key={i}
            gap={8}
            align="flex-end"
            wrap
            className="editor-filter"
            data-testid={`editor-filter-${i}`}
          >
            <div style={{ flex: '1 1 140px' }}>
              <Labelled label={t('editor.filterField')} id={`${id}-field`}>
                <Select
                  id={`${id}-field`}
                  value={filter.field}
                  options={fieldOptions(fields)}
                  showSearch={SEARCH_BY_LABEL}
                  onChange={(key: string) =>
                    setFilters(
                      filters.map((f, j) =>
                        j === i
                          ? fitFilter(
                              { ...f, field: key },
                              fields.find((x) => x.key === key),
                            )
                          : f,
                      ),
                    )
                  }
                  style={{ width: '100%' }}
                />
              </Labelled>
            </div>
            <div style={{ flex: '1 1 120px' }}>
              <Labelled label={t('editor.filterOp')} id={`${id}-op`}>
                <Select
                  id={`${id}-op`}
                  value={filter.op}
                  options={opsFor(field?.kind).map((op) => ({
                    value: op,
                    label: t(`editor.op.${op}`),
                  }))}
                  onChange={(op: ChartFilter['op']) =>
                    setFilters(
                      filters.map((f, j) => (j === i ? fitFilter({ ...f, op }, field) : f)),
                    )
                  }
                  style={{ width: '100%' }}
                />
              </Labelled>
            </div>
            <div style={{ flex: '2 1 160px' }}>
              {filter.op !== 'empty' && filter.op !== 'not_empty' && (
                <Labelled label={t('editor.filterValue')} id={`${id}-value`}>
                  <FilterValue
                    id={`${id}-value`}
                    filter={filter}
                    field={field}
                    onChange={(value) =>
                      setFilters(
                        filters.map((f, j) => (j === i ? ({ ...f, value } as ChartFilter) : f)),
                      )
                    }
                  />
                </Labelled>
              )}
            </div>
            <Button
              icon={<DeleteOutlined />}
              aria-label={t('editor.removeFilter')}
              onClick={() => setFilters(filters.filter((_, j) => j !== i))}
            />
          </Flex>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() => {
          const first = fields.find((f) => !f.system) ?? fields[0];
          if (first) setFilters([...filters, fitFilter({ field: first.key, op: 'eq' }, first)]);
        }}
        data-testid="editor-add-filter"
      >
        {t('editor.addFilter')}
      </Button>
    </>
  );
}

/** The query of a chart as JSON text: for ratios and funnels, and for anything the form cannot say. */
function JsonQueryEditor({
  chart,
  onChange,
}: {
  chart: ChartDefinition;
  onChange: (chart: ChartDefinition) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [textValue, setText] = useState(() => JSON.stringify(chart.query, null, 2));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(JSON.stringify(chart.query, null, 2));
    // Only when another chart is chosen; typing keeps its own text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chart.id]);
  return (
    <Labelled label={t('editor.json')} id={id}>
      <Input.TextArea
        id={id}
        value={textValue}
        autoSize={{ minRows: 8, maxRows: 24 }}
        className="editor-json"
        spellCheck={false}
        status={bad ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed = JSON.parse(e.target.value) as ChartDefinition['query'];
            setBad(false);
            onChange({ ...chart, query: parsed });
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <Typography.Text type="danger">{t('editor.jsonInvalid')}</Typography.Text>}
    </Labelled>
  );
}

/** Everything about one chart: titles, type, width, and its query (by form, or as JSON). */
export function ChartEditor({
  chart,
  forms,
  onChange,
}: {
  chart: ChartDefinition;
  forms: ChartForm[];
  onChange: (chart: ChartDefinition) => void;
}) {
  const { t } = useI18n();
  const base = useId();
  const [json, setJson] = useState(chart.query.kind !== 'group');
  useEffect(() => setJson(chart.query.kind !== 'group'), [chart.id, chart.query.kind]);

  return (
    <div data-testid="chart-editor">
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.chartTitleZh')} id={`${base}-tzh`}>
            <Input
              id={`${base}-tzh`}
              value={chart.title.zh}
              onChange={(e) =>
                onChange({ ...chart, title: { ...chart.title, zh: e.target.value } })
              }
            />
          </Labelled>
        </Col>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.chartTitleEn')} id={`${base}-ten`}>
            <Input
              id={`${base}-ten`}
              value={chart.title.en}
              onChange={(e) =>
                onChange({ ...chart, title: { ...chart.title, en: e.target.value } })
              }
            />
          </Labelled>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.type')} id={`${base}-type`}>
            <Select
              id={`${base}-type`}
              value={chart.type}
              options={TYPES.map((type) => ({ value: type, label: t(`editor.type.${type}`) }))}
              onChange={(type: ChartType) => onChange({ ...chart, type })}
              style={{ width: '100%' }}
              data-testid="editor-type"
            />
          </Labelled>
        </Col>
        <Col xs={24} md={12}>
          <Labelled label={t('editor.width')} id={`${base}-span`}>
            <Segmented
              id={`${base}-span`}
              value={chart.span ?? 12}
              options={[
                { value: 6, label: t('editor.width.quarter') },
                { value: 12, label: t('editor.width.half') },
                { value: 24, label: t('editor.width.full') },
              ]}
              onChange={(span) => onChange({ ...chart, span: Number(span) })}
            />
          </Labelled>
        </Col>
      </Row>
      <Flex align="center" gap={8} className="editor-json-switch">
        <Switch
          id={`${base}-json`}
          checked={json}
          onChange={(on) => {
            setJson(on);
            const first = forms[0];
            if (!on && chart.query.kind !== 'group' && first) {
              onChange({
                ...chart,
                query: withForm(
                  { kind: 'group', form: first.key, measure: { op: 'count' } },
                  first,
                  'records',
                ),
              });
            }
          }}
        />
        <label htmlFor={`${base}-json`}>{t('editor.json')}</label>
      </Flex>
      {json ? (
        <>
          <Alert type="info" showIcon title={t('editor.jsonHint')} style={{ marginBottom: 12 }} />
          <JsonQueryEditor chart={chart} onChange={onChange} />
        </>
      ) : chart.query.kind === 'group' ? (
        <GroupEditor
          query={chart.query}
          forms={forms}
          onChange={(query) => onChange({ ...chart, query })}
        />
      ) : null}
    </div>
  );
}
