/** OpenAPI schemas of the operations routes. */
const count = { type: 'integer', minimum: 0 };
const lag = {
  type: 'object',
  properties: { due: count, lagSeconds: { type: 'number', minimum: 0 } },
};

export const readinessDoc = {
  type: 'object',
  properties: {
    ready: { type: 'boolean' },
    role: { type: 'string', enum: ['all', 'api', 'worker'] },
    checks: {
      type: 'object',
      properties: {
        database: { type: 'string', enum: ['ok', 'failing'] },
        migrations: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: ['current', 'pending', 'unknown'] },
            pending: { type: 'array', items: { type: 'string' } },
          },
        },
        workers: { type: 'string', enum: ['running', 'stalled', 'stopped', 'not_in_this_process'] },
        stopping: { type: 'boolean' },
      },
    },
  },
};

export const operationsFiguresDoc = {
  type: 'object',
  properties: {
    at: { type: 'string', format: 'date-time' },
    process: {
      type: 'object',
      properties: {
        pid: count,
        role: { type: 'string', enum: ['all', 'api', 'worker'] },
        workers: { type: 'boolean' },
        workerId: { type: 'string' },
        startedAt: { type: 'string', format: 'date-time' },
        uptimeSeconds: count,
        stopping: { type: 'boolean' },
        memoryRssBytes: count,
      },
    },
    database: {
      type: 'object',
      properties: {
        openTasks: count,
        openIncidents: count,
        outbox: lag,
        timers: lag,
        jobs: {
          type: 'object',
          properties: { running: count, waitingRetry: count, failed: count },
        },
        pool: {
          type: 'object',
          properties: { max: count, total: count, idle: count, waiting: count },
        },
      },
    },
    jobRetriesTotal: count,
    http: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          method: { type: 'string' },
          route: { type: 'string' },
          count,
          meanMs: { type: 'number' },
          p95Ms: { type: 'number', nullable: true },
          errors: count,
        },
      },
    },
  },
};
