/** OpenAPI schema of `GET /api/audit`. */
const anyJson = { description: 'JSON as stored, secrets redacted', nullable: true };

export const auditPageDoc = {
  type: 'object',
  required: ['items', 'nextAfter'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['seq', 'at', 'actor', 'action', 'entityType', 'entityId', 'before', 'after'],
        properties: {
          seq: { type: 'string', description: 'Position in the log (bigint as text)' },
          at: { type: 'string', format: 'date-time' },
          actor: {
            type: 'object',
            nullable: true,
            properties: {
              id: { type: 'string', format: 'uuid' },
              username: { type: 'string' },
              displayName: { type: 'string' },
            },
          },
          action: { type: 'string', example: 'user.create' },
          entityType: { type: 'string', example: 'user' },
          entityId: { type: 'string' },
          before: anyJson,
          after: anyJson,
        },
      },
    },
    nextAfter: {
      type: 'string',
      nullable: true,
      description: 'Pass as `after` for the next (older) page; null on the last page',
    },
  },
};
