import type { NodeType } from '../types';
import { fieldKeySchema, i18nTextSchema, idSchema, LIMITS, ruleSchema } from './common.schema';

const emptySettings = { type: 'object', additionalProperties: false, properties: {} } as const;

/** Who receives a task or a notification (`AssigneeSpec`), discriminated on `kind`. */
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
    {
      type: 'object',
      required: ['kind', 'field'],
      additionalProperties: false,
      properties: { kind: { const: 'field' }, field: fieldKeySchema },
    },
  ],
} as const;

/** An empty list passes the schema so that the validator can say `missing_assignee`. */
const assigneeListSchema = {
  type: 'array',
  maxItems: LIMITS.assignees,
  items: assigneeSpecSchema,
} as const;

/** A span of time (`DurationSpec`); negative parts only make sense in offsets. */
const durationSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    days: { type: 'number', minimum: -3650, maximum: 3650 },
    hours: { type: 'number', minimum: -87_600, maximum: 87_600 },
    minutes: { type: 'number', minimum: -5_256_000, maximum: 5_256_000 },
  },
} as const;

/** Field key → rule (`set`, `data`, `body`). */
const ruleMapSchema = {
  type: 'object',
  maxProperties: LIMITS.formFields,
  propertyNames: fieldKeySchema,
  additionalProperties: ruleSchema,
} as const;

const fieldPermissionsSchema = {
  type: 'object',
  maxProperties: LIMITS.formFields,
  propertyNames: fieldKeySchema,
  additionalProperties: { enum: ['hidden', 'readonly', 'editable', 'required'] },
} as const;

const subformRowsSchema = {
  type: 'object',
  maxProperties: LIMITS.formFields,
  propertyNames: fieldKeySchema,
  additionalProperties: {
    type: 'object',
    required: ['add', 'delete'],
    additionalProperties: false,
    properties: { add: { type: 'boolean' }, delete: { type: 'boolean' } },
  },
} as const;

/** Up to ten years of working hours; at least one minute. */
const workingHoursSchema = { type: 'number', exclusiveMinimum: 0, maximum: 87_600 } as const;

const deadlineSchema = {
  type: 'object',
  required: ['hours', 'action'],
  additionalProperties: false,
  properties: {
    hours: workingHoursSchema,
    action: { enum: ['remind', 'escalate', 'auto_approve', 'auto_return'] },
    escalateTo: assigneeSpecSchema,
    remindBeforeHours: workingHoursSchema,
  },
} as const;

/** Settings shared by approval and fill (`TaskNodeSettings`). */
const taskNodeProperties = {
  assignees: assigneeListSchema,
  emptyPolicy: { enum: ['skip', 'admin', 'error'] },
  fieldPermissions: fieldPermissionsSchema,
  subformRows: subformRowsSchema,
  deadline: deadlineSchema,
  allowedActions: {
    type: 'array',
    maxItems: 3,
    uniqueItems: true,
    items: { enum: ['return', 'transfer', 'add_signer'] },
  },
  resubmitTo: { enum: ['flow', 'returner'] },
} as const;

const startSchema = {
  type: 'object',
  required: ['trigger'],
  properties: { trigger: { type: 'string' } },
  discriminator: { propertyName: 'trigger' },
  oneOf: [
    {
      type: 'object',
      required: ['trigger'],
      additionalProperties: false,
      properties: { trigger: { const: 'form_submit' } },
    },
    {
      type: 'object',
      required: ['trigger'],
      additionalProperties: false,
      properties: { trigger: { const: 'manual' } },
    },
    {
      type: 'object',
      required: ['trigger'],
      additionalProperties: false,
      properties: {
        trigger: { const: 'record_change' },
        watchFields: {
          type: 'array',
          maxItems: LIMITS.formFields,
          uniqueItems: true,
          items: fieldKeySchema,
        },
        condition: ruleSchema,
        onCreate: { type: 'boolean' },
      },
    },
    {
      type: 'object',
      required: ['trigger'],
      additionalProperties: false,
      properties: {
        trigger: { const: 'schedule' },
        // Linear-time pattern: 5 or 6 space-separated cron fields of the usual characters.
        cron: {
          type: 'string',
          maxLength: 120,
          pattern: '^[0-9A-Za-z*/,?#-]+( [0-9A-Za-z*/,?#-]+){4,5}$',
        },
        dateField: fieldKeySchema,
        offset: durationSchema,
      },
    },
  ],
} as const;

/** The `settings` schema of each node type; the runtime's node objects point at these. */
export const nodeSettingsSchemas = {
  start: startSchema,
  approval: {
    type: 'object',
    required: ['assignees', 'mode'],
    additionalProperties: false,
    properties: {
      ...taskNodeProperties,
      mode: { enum: ['any', 'all', 'sequential', 'quorum'] },
      quorum: {
        type: 'object',
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
        properties: {
          count: { type: 'integer', minimum: 1, maximum: LIMITS.assignees * 50 },
          ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        },
      },
    },
  },
  fill: {
    type: 'object',
    required: ['assignees', 'mode'],
    additionalProperties: false,
    properties: { ...taskNodeProperties, mode: { enum: ['any', 'all', 'sequential'] } },
  },
  cc: {
    type: 'object',
    required: ['recipients'],
    additionalProperties: false,
    properties: { recipients: assigneeListSchema, fieldPermissions: fieldPermissionsSchema },
  },
  exclusive: emptySettings,
  parallel_split: emptySettings,
  parallel_join: emptySettings,
  update_record: {
    type: 'object',
    required: ['set'],
    additionalProperties: false,
    properties: { set: { ...ruleMapSchema, minProperties: 1 } },
  },
  create_record: {
    type: 'object',
    required: ['form', 'mode', 'set'],
    additionalProperties: false,
    properties: {
      form: idSchema,
      mode: { enum: ['create', 'update', 'upsert'] },
      match: ruleSchema,
      set: { ...ruleMapSchema, minProperties: 1 },
    },
  },
  notify: {
    type: 'object',
    required: ['recipients', 'message'],
    additionalProperties: false,
    properties: {
      recipients: assigneeListSchema,
      message: i18nTextSchema,
      channels: {
        type: 'array',
        minItems: 1,
        maxItems: 5,
        uniqueItems: true,
        items: { enum: ['in_app', 'email', 'dingtalk', 'wecom', 'feishu'] },
      },
    },
  },
  webhook: {
    type: 'object',
    required: ['url', 'method'],
    additionalProperties: false,
    properties: {
      // Only the scheme is checked here; the host's egress guard decides which hosts.
      url: { type: 'string', minLength: 8, maxLength: 2000, pattern: '^https?://' },
      method: { enum: ['POST', 'PUT'] },
      body: { type: 'object', maxProperties: LIMITS.formFields, additionalProperties: ruleSchema },
      headers: {
        type: 'object',
        maxProperties: 20,
        // No CR/LF anywhere: a header cannot smuggle another one in.
        propertyNames: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9-]+$' },
        additionalProperties: {
          type: 'string',
          maxLength: LIMITS.textLength,
          pattern: '^[^\\r\\n]*$',
        },
      },
    },
  },
  wait: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: { duration: durationSchema, untilField: fieldKeySchema, offset: durationSchema },
  },
  subprocess: {
    type: 'object',
    required: ['form', 'data', 'waitForOutcome'],
    additionalProperties: false,
    properties: { form: idSchema, data: ruleMapSchema, waitForOutcome: { type: 'boolean' } },
  },
  end: {
    type: 'object',
    required: ['outcome'],
    additionalProperties: false,
    properties: {
      outcome: { enum: ['approved', 'rejected'] },
      refusal: {
        type: 'object',
        required: ['code', 'message'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', pattern: '^[a-z][a-z0-9_]{2,63}$' },
          message: i18nTextSchema,
          params: ruleMapSchema,
        },
      },
    },
  },
} as const satisfies Record<NodeType, object>;
