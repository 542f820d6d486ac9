import { ajv } from '@liuyun/definitions';
import type { ErrorObject } from 'ajv';
import { RequestSchema } from '../../common/validation/request-validator';
import type { AutomationInput, HostNode } from './automation.types';

const key = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' };
const formKey = { type: 'string', minLength: 1, maxLength: 64 };
const i18n = {
  type: 'object',
  required: ['zh', 'en'],
  additionalProperties: false,
  properties: {
    zh: { type: 'string', maxLength: 200 },
    en: { type: 'string', maxLength: 200 },
  },
};
// Rules are checked by @liuyun/logic against the form's fields at publish time.
const rule = {};

const triggerSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string' } },
  oneOf: [
    {
      properties: {
        kind: { enum: ['record_created', 'record_deleted'] },
        form: formKey,
        condition: rule,
      },
      required: ['kind', 'form'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'record_updated' },
        form: formKey,
        watchFields: { type: 'array', maxItems: 100, uniqueItems: true, items: formKey },
        condition: rule,
      },
      required: ['kind', 'form'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'process_ended' },
        form: formKey,
        outcome: { enum: ['approved', 'rejected', 'withdrawn'] },
        condition: rule,
      },
      required: ['kind', 'form'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'process_reached_node' },
        form: formKey,
        nodeId: formKey,
        condition: rule,
      },
      required: ['kind', 'form', 'nodeId'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'schedule' },
        cron: { type: 'string', minLength: 9, maxLength: 120 },
        dateField: formKey,
        offsetDays: { type: 'integer', minimum: -3650, maximum: 3650 },
        yearly: { type: 'boolean' },
        at: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
        form: formKey,
        condition: rule,
        utcOffsetMinutes: { type: 'integer', minimum: -720, maximum: 840 },
      },
      required: ['kind'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'webhook' } },
      required: ['kind'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'manual' }, form: formKey },
      required: ['kind', 'form'],
      additionalProperties: false,
    },
  ],
};

// The flow itself is checked by validateFlow (after host steps are compiled) with codes.
const flowShape = {
  type: 'object',
  required: ['key', 'name', 'nodes', 'edges'],
  properties: {
    key: { type: 'string' },
    name: { type: 'object' },
    nodes: { type: 'array', maxItems: 200, items: { type: 'object' } },
    edges: { type: 'array', maxItems: 400, items: { type: 'object' } },
  },
};

/** POST /api/apps/{appKey}/automations */
export const createAutomationSchema = new RequestSchema<AutomationInput>({
  type: 'object',
  required: ['key', 'name', 'trigger', 'flow'],
  additionalProperties: false,
  properties: {
    key,
    name: i18n,
    enabled: { type: 'boolean' },
    trigger: triggerSchema,
    flow: flowShape,
  },
});

/** PUT /api/automations/{id}: the whole automation again (the key cannot change). */
export const updateAutomationSchema = new RequestSchema<Omit<AutomationInput, 'key'>>({
  type: 'object',
  required: ['name', 'trigger', 'flow'],
  additionalProperties: false,
  properties: {
    key,
    name: i18n,
    enabled: { type: 'boolean' },
    trigger: triggerSchema,
    flow: flowShape,
  },
});

/** POST /api/automations/{id}/run */
/** POST /api/automations/{id}/press: one record, run at once. */
export const pressSchema = new RequestSchema<{ recordId: string }>({
  type: 'object',
  required: ['recordId'],
  additionalProperties: false,
  properties: {
    recordId: {
      type: 'string',
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    },
  },
});

export const manualRunSchema = new RequestSchema<{ recordIds: string[] }>({
  type: 'object',
  required: ['recordIds'],
  additionalProperties: false,
  properties: {
    recordIds: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
      items: {
        type: 'string',
        pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      },
    },
  },
});

const nodeBase = {
  id: { type: 'string', minLength: 1, maxLength: 64 },
  name: i18n,
  position: { type: 'object' },
};

/** The host steps' own shape (runtime nodes are checked by validateFlow). */
const validateHostNode = ajv.compile<HostNode>({
  type: 'object',
  required: ['id', 'type', 'name', 'settings'],
  oneOf: [
    {
      properties: {
        ...nodeBase,
        type: { const: 'delete_record' },
        settings: {
          type: 'object',
          additionalProperties: false,
          properties: { form: formKey, match: rule },
        },
      },
      additionalProperties: false,
    },
    {
      properties: {
        ...nodeBase,
        type: { const: 'query' },
        settings: {
          type: 'object',
          required: ['form', 'aggregate', 'into'],
          additionalProperties: false,
          properties: {
            form: formKey,
            match: rule,
            aggregate: { enum: ['count', 'sum', 'avg', 'min', 'max', 'first', 'list'] },
            field: formKey,
            into: key,
          },
        },
      },
      additionalProperties: false,
    },
    {
      properties: {
        ...nodeBase,
        type: { const: 'round_robin' },
        settings: {
          type: 'object',
          required: ['candidates', 'into'],
          additionalProperties: false,
          properties: { candidates: rule, bucket: rule, into: key },
        },
      },
      additionalProperties: false,
    },
  ],
});

/** The shape errors of a host step (empty when it is well-formed). */
export function hostNodeShapeErrors(node: unknown): ErrorObject[] {
  return validateHostNode(node) ? [] : (validateHostNode.errors ?? []);
}
