import {
  chartFields,
  validateChart,
  validateDashboard,
  type ChartDefinition,
  type DashboardDefinition,
  type FormDefinition,
} from '../src';
import { quoteForm } from './fixtures/quote.form';

const dealForm: FormDefinition = {
  key: 'deal',
  name: { zh: '商机', en: 'Deal' },
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      title: { type: 'string', 'x-widget': 'text', 'x-label': { zh: '标题', en: 'Title' } },
      amount: { type: 'number', 'x-widget': 'money', 'x-label': { zh: '金额', en: 'Amount' } },
      stage: {
        type: 'string',
        enum: ['open', 'won', 'lost'],
        'x-widget': 'select',
        'x-label': { zh: '阶段', en: 'Stage' },
        'x-enum-labels': [
          { zh: '进行中', en: 'Open' },
          { zh: '赢单', en: 'Won' },
          { zh: '输单', en: 'Lost' },
        ],
      },
      close_date: {
        type: 'string',
        format: 'date',
        'x-widget': 'date',
        'x-label': { zh: '结单日期', en: 'Close date' },
      },
    },
  },
  layout: ['title', 'amount', 'stage', 'close_date'],
};

const forms = new Map([
  ['quote', quoteForm],
  ['deal', dealForm],
]);

const t = (en: string) => ({ zh: en, en });

const byStage: ChartDefinition = {
  id: 'by_stage',
  title: t('Deals by stage'),
  type: 'bar',
  query: { kind: 'group', form: 'deal', dimension: { field: 'stage' }, measure: { op: 'count' } },
};

const dashboard = (charts: unknown[], extra: object = {}): unknown => ({
  key: 'sales',
  name: t('Sales'),
  charts,
  ...extra,
});

const codes = (doc: unknown) => validateDashboard(doc, forms).map((e) => [e.code, e.path]);

describe('dashboard validation', () => {
  it('accepts group, steps and cross-form ratio charts over known fields', () => {
    const valid: DashboardDefinition = {
      key: 'sales',
      name: t('Sales'),
      timeZone: 'Asia/Shanghai',
      charts: [
        byStage,
        {
          id: 'amount_by_month',
          title: t('Won amount by month'),
          type: 'line',
          span: 24,
          query: {
            kind: 'group',
            form: 'deal',
            dimension: { field: 'close_date', bucket: 'month' },
            measure: { op: 'sum', field: 'amount' },
            filters: [
              { field: 'stage', op: 'eq', value: 'won' },
              { field: 'close_date', op: 'within_days', value: 365 },
            ],
          },
        },
        {
          id: 'discounts',
          title: t('Discount distribution'),
          type: 'bar',
          query: {
            kind: 'group',
            form: 'quote',
            dimension: { field: 'discount_pct', step: 5 },
            measure: { op: 'count' },
          },
        },
        {
          id: 'funnel',
          title: t('Quote to deal'),
          type: 'funnel',
          query: {
            kind: 'steps',
            steps: [
              { label: t('Quotes'), form: 'quote', measure: { op: 'count' } },
              {
                label: t('Won deals'),
                form: 'deal',
                filters: [{ field: 'stage', op: 'in', value: ['won'] }],
                measure: { op: 'count' },
              },
            ],
          },
        },
        {
          id: 'win_rate',
          title: t('Win rate'),
          type: 'number',
          query: {
            kind: 'ratio',
            numerator: {
              form: 'deal',
              filters: [{ field: 'stage', op: 'eq', value: 'won' }],
              measure: { op: 'count' },
            },
            denominator: {
              form: 'deal',
              filters: [{ field: 'stage', op: 'in', value: ['won', 'lost'] }],
              measure: { op: 'count' },
            },
          },
        },
        {
          id: 'conversion_by_month',
          title: t('Deals per quote by month'),
          type: 'line',
          query: {
            kind: 'ratio',
            numerator: { form: 'deal', measure: { op: 'count' } },
            denominator: { form: 'quote', measure: { op: 'count' } },
            dimension: { field: '$created_at', bucket: 'month' },
          },
        },
        {
          id: 'node_time',
          title: t('Hours per approval node'),
          type: 'table',
          query: {
            kind: 'group',
            source: 'tasks',
            form: 'quote',
            dimension: { field: '$node' },
            measure: { op: 'avg', field: '$duration_hours' },
            filters: [{ field: '$status', op: 'eq', value: 'completed' }],
          },
        },
      ],
    };
    expect(validateDashboard(valid, forms)).toEqual([]);
  });

  it('refuses schema violations with JSON-pointer paths', () => {
    expect(codes({ key: 'x', charts: [] })).toEqual([['schema_invalid', '']]);
    const errors = codes(dashboard([{ ...byStage, type: 'radar' }]));
    expect(errors).toContainEqual(['schema_invalid', '/charts/0/type']);
    expect(codes(dashboard([{ ...byStage, query: { kind: 'cube' } }]))[0]?.[0]).toBe(
      'schema_invalid',
    );
    expect(codes(dashboard([{ ...byStage, extra: 1 }]))[0]).toEqual([
      'schema_invalid',
      '/charts/0',
    ]);
  });

  it('names unknown forms and fields, and fields a chart cannot use', () => {
    const q = (query: object) => dashboard([{ ...byStage, query }]);
    expect(
      codes(
        q({ kind: 'group', form: 'nope', dimension: { field: 'x' }, measure: { op: 'count' } }),
      ),
    ).toEqual([['unknown_form', '/charts/0/query/form']]);
    expect(
      codes(
        q({
          kind: 'group',
          form: 'deal',
          dimension: { field: 'colour' },
          measure: { op: 'count' },
        }),
      ),
    ).toEqual([['unknown_field', '/charts/0/query/dimension/field']]);
    // Line items are a sub-form: no single value to group by.
    expect(
      codes(
        q({
          kind: 'group',
          form: 'quote',
          dimension: { field: 'items' },
          measure: { op: 'count' },
        }),
      ),
    ).toEqual([['field_type_mismatch', '/charts/0/query/dimension/field']]);
    // Task fields are not record fields.
    expect(
      codes(
        q({
          kind: 'group',
          form: 'quote',
          dimension: { field: '$node' },
          measure: { op: 'count' },
        }),
      ),
    ).toEqual([['unknown_field', '/charts/0/query/dimension/field']]);
  });

  it('fits measures, buckets and ranges to the field types', () => {
    const q = (query: object) => dashboard([{ ...byStage, query }]);
    expect(
      codes(
        q({
          kind: 'group',
          form: 'deal',
          dimension: { field: 'stage' },
          measure: { op: 'sum', field: 'title' },
        }),
      ),
    ).toEqual([['field_type_mismatch', '/charts/0/query/measure/field']]);
    expect(
      codes(
        q({ kind: 'group', form: 'deal', dimension: { field: 'stage' }, measure: { op: 'avg' } }),
      ),
    ).toEqual([['schema_invalid', '/charts/0/query/measure']]);
    expect(
      codes(
        q({
          kind: 'group',
          form: 'deal',
          dimension: { field: 'stage' },
          measure: { op: 'count', field: 'amount' },
        }),
      ),
    ).toEqual([['schema_invalid', '/charts/0/query/measure/field']]);
    expect(
      codes(
        q({
          kind: 'group',
          form: 'deal',
          dimension: { field: 'amount', bucket: 'month' },
          measure: { op: 'count' },
        }),
      ),
    ).toEqual([['field_type_mismatch', '/charts/0/query/dimension/bucket']]);
    expect(
      codes(
        q({
          kind: 'group',
          form: 'deal',
          dimension: { field: 'close_date', step: 5 },
          measure: { op: 'count' },
        }),
      ),
    ).toEqual([['field_type_mismatch', '/charts/0/query/dimension/step']]);
  });

  it('checks that each filter value fits its operator and field', () => {
    const withFilter = (filter: object) =>
      dashboard([{ ...byStage, query: { ...byStage.query, filters: [filter] } }]);
    const bad = [
      { field: 'stage', op: 'gt', value: 'won' },
      { field: 'amount', op: 'gt', value: '10' },
      { field: 'stage', op: 'in', value: [] },
      { field: 'stage', op: 'in', value: 'won' },
      { field: 'amount', op: 'contains', value: '1' },
      { field: 'stage', op: 'within_days', value: 7 },
      { field: 'close_date', op: 'within_days', value: 1.5 },
      { field: 'stage', op: 'empty', value: 'x' },
      { field: 'stage', op: 'eq' },
      { field: 'amount', op: 'eq', value: 'ten' },
      { field: 'close_date', op: 'gte', value: '2025-02-30' },
      { field: 'amount', op: 'in', value: [1, 'two'] },
      { field: 'stage', op: 'eq', value: true },
    ];
    for (const filter of bad) {
      expect(codes(withFilter(filter))).toEqual([['invalid_filter', '/charts/0/query/filters/0']]);
    }
    expect(codes(withFilter({ field: 'close_date', op: 'gte', value: '2025-01-01' }))).toEqual([]);
    expect(codes(withFilter({ field: 'title', op: 'not_empty' }))).toEqual([]);
  });

  it('refuses chart types that cannot show their query', () => {
    expect(codes(dashboard([{ ...byStage, type: 'number' }]))).toEqual([
      ['chart_shape_mismatch', '/charts/0/type'],
    ]);
    const noDimension = {
      ...byStage,
      query: { kind: 'group', form: 'deal', measure: { op: 'count' } },
    };
    expect(codes(dashboard([noDimension]))).toEqual([['chart_shape_mismatch', '/charts/0/type']]);
    expect(codes(dashboard([{ ...noDimension, type: 'number' }]))).toEqual([]);
    const ratio = {
      ...byStage,
      type: 'pie',
      query: {
        kind: 'ratio',
        numerator: { form: 'deal', measure: { op: 'count' } },
        denominator: { form: 'deal', measure: { op: 'count' } },
      },
    };
    expect(codes(dashboard([ratio]))).toEqual([['chart_shape_mismatch', '/charts/0/type']]);
  });

  it('requires a ratio dimension to fit both forms', () => {
    const ratio = {
      ...byStage,
      query: {
        kind: 'ratio',
        numerator: { form: 'deal', measure: { op: 'count' } },
        denominator: { form: 'quote', measure: { op: 'count' } },
        dimension: { field: 'stage' },
      },
    };
    expect(codes(dashboard([ratio]))).toEqual([
      ['unknown_field', '/charts/0/query/dimension/field'],
    ]);
  });

  it('refuses duplicate chart ids and unknown time zones', () => {
    expect(codes(dashboard([byStage, byStage]))).toEqual([['duplicate_id', '/charts/1/id']]);
    expect(codes(dashboard([byStage], { timeZone: 'Mars/Olympus' }))).toEqual([
      ['invalid_time_zone', '/timeZone'],
    ]);
  });

  it('never throws, whatever it is given', () => {
    for (const doc of [
      null,
      1,
      'x',
      [],
      { charts: 'x' },
      dashboard([null]),
      dashboard([{ query: [] }]),
    ]) {
      expect(validateDashboard(doc, forms).length).toBeGreaterThan(0);
    }
    expect(validateChart(byStage, forms)).toEqual([]);
  });

  it('lists the fields a chart may use, with enum labels', () => {
    const fields = chartFields(dealForm);
    expect(fields.map((f) => f.key)).toEqual([
      '$created_at',
      '$updated_at',
      '$created_by',
      '$process_status',
      '$process_outcome',
      'title',
      'amount',
      'stage',
      'close_date',
    ]);
    expect(fields.find((f) => f.key === 'stage')?.enumLabels?.[1]).toEqual({
      value: 'won',
      label: { zh: '赢单', en: 'Won' },
    });
    expect(chartFields(dealForm, 'tasks').map((f) => f.key)).toContain('$duration_hours');
  });
});
