import type { NodeType } from '../types';
import { fieldKeySchema, LIMITS, ruleSchema } from './common.schema';

const emptySettings = { type: 'object', additionalProperties: false, properties: {} } as const;

/** Who receives an approval task (`AssigneeSpec`), discriminated on `kind`. */
export const assigneeSpecSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string' } },
  discriminator: { propertyName: 'kind' },
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'username'],
      additionalProperties: false,
      properties: {
        kind: { const: 'user' },
        username: { type: 'string', minLength: 1, maxLength: LIMITS.keyLength },
      },
    },
    {
      type: 'object',
      required: ['kind', 'role'],
      additionalProperties: false,
      properties: {
        kind: { const: 'role' },
        role: { type: 'string', minLength: 1, maxLength: LIMITS.keyLength },
      },
    },
    {
      type: 'object',
      required: ['kind', 'levels'],
      additionalProperties: false,
      properties: {
        kind: { const: 'department_head' },
        levels: { type: 'integer', minimum: 1, maximum: 10 },
      },
    },
    {
      type: 'object',
      required: ['kind'],
      additionalProperties: false,
      properties: { kind: { const: 'submitter' } },
    },
  ],
} as const;

/** The `settings` schema of each node type; the runtime's node objects point at these. */
export const nodeSettingsSchemas = {
  start: {
    type: 'object',
    required: ['trigger'],
    additionalProperties: false,
    properties: { trigger: { const: 'form_submit' } },
  },
  approval: {
    type: 'object',
    required: ['assignees', 'mode'],
    additionalProperties: false,
    properties: {
      // An empty list passes the schema so the validator can say `missing_assignee`.
      assignees: { type: 'array', maxItems: LIMITS.assignees, items: assigneeSpecSchema },
      mode: { enum: ['any', 'all'] },
    },
  },
  exclusive: emptySettings,
  parallel_split: emptySettings,
  parallel_join: emptySettings,
  update_record: {
    type: 'object',
    required: ['set'],
    additionalProperties: false,
    properties: {
      set: {
        type: 'object',
        minProperties: 1,
        maxProperties: LIMITS.formFields,
        propertyNames: fieldKeySchema,
        additionalProperties: ruleSchema,
      },
    },
  },
  end: {
    type: 'object',
    required: ['outcome'],
    additionalProperties: false,
    properties: { outcome: { enum: ['approved', 'rejected'] } },
  },
} as const satisfies Record<NodeType, object>;
