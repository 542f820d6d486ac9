/**
 * OpenAPI shapes of the answers of the flows module (request bodies come from their
 * RequestSchema). Kept beside the routes so the document says what they return.
 */
type Schema = Record<string, unknown>;

const i18n: Schema = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
};

const userRef: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
  },
};

const definitionError: Schema = {
  type: 'object',
  description: 'A publish-time definition error with its stable code.',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    path: { type: 'string' },
    nodeId: { type: 'string' },
    edgeId: { type: 'string' },
    field: { type: 'string' },
  },
};

export const simulationAnswerDoc: Schema = {
  type: 'object',
  properties: {
    path: {
      type: 'array',
      description: 'Every node entered, in order, on the virtual clock.',
      items: {
        type: 'object',
        properties: {
          nodeId: { type: 'string' },
          nodeName: i18n,
          nodeType: { type: 'string', nullable: true },
          at: { type: 'string', format: 'date-time' },
          result: { type: 'string' },
          activation: { type: 'integer' },
        },
      },
    },
    tasks: {
      type: 'array',
      description: 'The tasks of each node activation and who would receive them.',
      items: {
        type: 'object',
        properties: {
          nodeId: { type: 'string' },
          nodeName: i18n,
          kind: { type: 'string', enum: ['approval', 'fill', 'resubmit', 'cc'] },
          activation: { type: 'integer' },
          assignees: {
            type: 'array',
            items: {
              ...userRef,
              properties: {
                ...(userRef.properties as Schema),
                status: { type: 'string' },
                origin: { type: 'string' },
              },
            },
          },
        },
      },
    },
    effects: {
      type: 'array',
      description: 'The runtime effects (createTask, scheduleTimer, notify, …) in order.',
      items: { type: 'object', properties: { type: { type: 'string' } } },
    },
    finalState: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['running', 'completed', 'failed'] },
        outcome: { type: 'string', nullable: true, enum: ['approved', 'rejected', 'withdrawn'] },
        error: { type: 'object' },
      },
    },
    stalled: { type: 'boolean' },
    unusedDecisions: { type: 'array', items: { type: 'object' } },
    firedTimers: { type: 'array', items: { type: 'string' } },
    endedAt: { type: 'string', format: 'date-time' },
    people: { type: 'object', additionalProperties: userRef },
  },
};

const versionSummary: Schema = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    publishedAt: { type: 'string', format: 'date-time' },
    publishedBy: { ...userRef, nullable: true },
    published: { type: 'boolean', description: 'The version new submissions use.' },
    status: { type: 'string', enum: ['published', 'previous'] },
    hasFlow: { type: 'boolean' },
    runningInstances: { type: 'integer' },
  },
};

export const versionListDoc: Schema = {
  type: 'object',
  properties: {
    formId: { type: 'string' },
    publishedVersion: { type: 'integer' },
    draft: {
      type: 'object',
      nullable: true,
      properties: {
        baseVersion: { type: 'integer' },
        revision: { type: 'integer' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
    versions: { type: 'array', items: versionSummary },
  },
};

export const versionDetailDoc: Schema = {
  type: 'object',
  properties: {
    ...(versionSummary.properties as Schema),
    formId: { type: 'string' },
    definition: { type: 'object', description: 'The form definition as published.' },
    flow: { type: 'object', nullable: true, description: 'The flow as published.' },
  },
};

export const draftDoc: Schema = {
  type: 'object',
  properties: {
    formId: { type: 'string' },
    baseVersion: { type: 'integer' },
    revision: { type: 'integer' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { ...userRef, nullable: true },
    definition: { type: 'object' },
    flow: { type: 'object', nullable: true },
    warnings: {
      type: 'array',
      items: definitionError,
      description: 'What publishing would refuse; paths start with /definition or /flow.',
    },
    publishable: { type: 'boolean' },
  },
};

export const migrationReportDoc: Schema = {
  type: 'object',
  properties: {
    formId: { type: 'string' },
    fromVersion: { type: 'integer' },
    toVersion: { type: 'integer' },
    dryRun: { type: 'boolean' },
    instances: { type: 'integer', description: 'Running instances on fromVersion considered.' },
    migratable: {
      type: 'array',
      items: { type: 'string' },
      description: 'Dry run: the instances that would move; otherwise those that moved.',
    },
    blocked: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          instanceId: { type: 'string' },
          reason: { type: 'string' },
          nodeId: { type: 'string' },
        },
      },
    },
  },
};
