/**
 * OpenAPI shapes of the analytics routes' answers (request bodies come from the
 * dashboard JSON Schema in @liuyun/definitions and the RequestSchemas beside the routes).
 */
import { chartDefinitionSchema, dashboardDefinitionSchema } from '@liuyun/definitions';

type Schema = Record<string, unknown>;

const i18n: Schema = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
};

const { $schema: _dialect, ...dashboardBody } = dashboardDefinitionSchema;

/** The dashboard definition as a request body (checked again, strictly, by the engine). */
export const dashboardDefinitionDoc: Schema = {
  ...(dashboardBody as Schema),
  description:
    'A dashboard definition (JSON Schema in @liuyun/definitions: dashboardDefinitionSchema). Charts name forms by key; fields are data keys or $-system fields.',
};

export const chartDefinitionDoc: Schema = chartDefinitionSchema as unknown as Schema;

export const dashboardSummaryDoc: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    appKey: { type: 'string' },
    key: { type: 'string' },
    name: i18n,
    description: { ...i18n, nullable: true },
    charts: { type: 'integer', description: 'How many charts it has.' },
    version: { type: 'integer' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

export const dashboardViewDoc: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    appKey: { type: 'string' },
    key: { type: 'string' },
    name: i18n,
    version: { type: 'integer', description: 'Send it back with PUT to save over this version.' },
    definition: dashboardDefinitionDoc,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const chartRow: Schema = {
  type: 'object',
  properties: {
    key: { type: 'string', nullable: true },
    label: i18n,
    value: { type: 'number', nullable: true },
    numerator: { type: 'number', nullable: true },
    denominator: { type: 'number', nullable: true },
  },
};

export const chartDataDoc: Schema = {
  type: 'object',
  properties: {
    chartId: { type: 'string' },
    unit: { type: 'string', enum: ['count', 'number', 'money', 'percent', 'hours'] },
    rows: { type: 'array', items: chartRow },
    truncated: { type: 'boolean' },
  },
};

const dashboardError: Schema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    path: { type: 'string' },
    chartId: { type: 'string' },
  },
};

export const dashboardDataDoc: Schema = {
  type: 'object',
  properties: {
    dashboardId: { type: 'string', format: 'uuid' },
    version: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    charts: {
      type: 'array',
      description:
        'One entry per chart, in order: its data, or { chartId, error } when the forms no longer fit it.',
      items: {
        oneOf: [
          chartDataDoc,
          {
            type: 'object',
            properties: {
              chartId: { type: 'string' },
              error: { type: 'array', items: dashboardError },
            },
          },
        ],
      },
    },
  },
};

const chartFieldDoc: Schema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    kind: {
      type: 'string',
      enum: ['number', 'date', 'datetime', 'enum', 'text', 'boolean', 'user', 'department', 'node'],
    },
    label: i18n,
    system: { type: 'boolean' },
    enumLabels: {
      type: 'array',
      items: { type: 'object', properties: { value: { type: 'string' }, label: i18n } },
    },
  },
};

export const chartFormsDoc: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      key: { type: 'string' },
      name: i18n,
      hasFlow: { type: 'boolean' },
      records: { type: 'array', items: chartFieldDoc },
      tasks: { type: 'array', items: chartFieldDoc },
    },
  },
};
