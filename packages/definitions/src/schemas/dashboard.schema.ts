import { i18nLongTextSchema, i18nTextSchema, idSchema, LIMITS } from './common.schema';

/** Caps on dashboards (user-authored, so untrusted until they pass validation). */
export const DASHBOARD_LIMITS = {
  charts: 50,
  filters: 20,
  steps: 20,
  /** Most groups a chart may ask for. */
  groups: 200,
} as const;

/** A data field key, or a `$`-prefixed system field (checked against the form later). */
const chartFieldSchema = {
  type: 'string',
  minLength: 1,
  maxLength: LIMITS.keyLength,
  pattern: '^\\$?[A-Za-z][A-Za-z0-9_]*$',
} as const;

const filterScalarSchema = {
  anyOf: [
    { type: 'string', maxLength: LIMITS.textLength },
    { type: 'number' },
    { type: 'boolean' },
  ],
} as const;

export const chartFilterSchema = {
  type: 'object',
  required: ['field', 'op'],
  additionalProperties: false,
  properties: {
    field: chartFieldSchema,
    op: {
      enum: [
        'eq',
        'ne',
        'in',
        'not_in',
        'gt',
        'gte',
        'lt',
        'lte',
        'contains',
        'empty',
        'not_empty',
        'within_days',
      ],
    },
    value: {
      anyOf: [
        ...filterScalarSchema.anyOf,
        { type: 'null' },
        { type: 'array', maxItems: LIMITS.enumValues, items: filterScalarSchema },
      ],
    },
  },
} as const;

export const chartDimensionSchema = {
  type: 'object',
  required: ['field'],
  additionalProperties: false,
  properties: {
    field: chartFieldSchema,
    bucket: { enum: ['day', 'week', 'month'] },
    step: { type: 'number', exclusiveMinimum: 0, maximum: 1e12 },
  },
} as const;

export const chartMeasureSchema = {
  type: 'object',
  required: ['op'],
  additionalProperties: false,
  properties: {
    op: { enum: ['count', 'sum', 'avg', 'min', 'max'] },
    field: chartFieldSchema,
  },
} as const;

const partProperties = {
  source: { enum: ['records', 'tasks'] },
  form: idSchema,
  filters: { type: 'array', maxItems: DASHBOARD_LIMITS.filters, items: chartFilterSchema },
  measure: chartMeasureSchema,
} as const;

const chartPartSchema = {
  type: 'object',
  required: ['form', 'measure'],
  additionalProperties: false,
  properties: partProperties,
} as const;

export const chartQuerySchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string' } },
  discriminator: { propertyName: 'kind' },
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'form', 'measure'],
      additionalProperties: false,
      properties: {
        kind: { const: 'group' },
        ...partProperties,
        dimension: chartDimensionSchema,
        sort: { enum: ['key', 'value_desc', 'value_asc'] },
        limit: { type: 'integer', minimum: 1, maximum: DASHBOARD_LIMITS.groups },
      },
    },
    {
      type: 'object',
      required: ['kind', 'steps'],
      additionalProperties: false,
      properties: {
        kind: { const: 'steps' },
        steps: {
          type: 'array',
          minItems: 1,
          maxItems: DASHBOARD_LIMITS.steps,
          items: {
            type: 'object',
            required: ['label', 'form', 'measure'],
            additionalProperties: false,
            properties: { label: i18nTextSchema, ...partProperties },
          },
        },
      },
    },
    {
      type: 'object',
      required: ['kind', 'numerator', 'denominator'],
      additionalProperties: false,
      properties: {
        kind: { const: 'ratio' },
        numerator: chartPartSchema,
        denominator: chartPartSchema,
        dimension: chartDimensionSchema,
        result: { enum: ['percent', 'quotient'] },
      },
    },
  ],
} as const;

export const chartDefinitionSchema = {
  type: 'object',
  required: ['id', 'title', 'type', 'query'],
  additionalProperties: false,
  properties: {
    id: idSchema,
    title: i18nTextSchema,
    type: { enum: ['bar', 'line', 'pie', 'funnel', 'number', 'table'] },
    span: { type: 'integer', minimum: 6, maximum: 24 },
    query: chartQuerySchema,
  },
} as const;

/** JSON Schema (2020-12) of a `DashboardDefinition`. */
export const dashboardDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['key', 'name', 'charts'],
  additionalProperties: false,
  properties: {
    key: idSchema,
    name: i18nTextSchema,
    description: i18nLongTextSchema,
    timeZone: { type: 'string', minLength: 1, maxLength: LIMITS.keyLength },
    charts: { type: 'array', maxItems: DASHBOARD_LIMITS.charts, items: chartDefinitionSchema },
  },
} as const;
