import { appExportSchema } from './app-export.format';

/** The export file as OpenAPI shows it: the same JSON Schema the import checks. */
export const appExportDoc = appExportSchema.openApi;

export const importSummaryDoc = {
  type: 'object',
  properties: {
    app: {
      type: 'object',
      properties: { id: { type: 'string' }, key: { type: 'string' }, name: { type: 'object' } },
    },
    mode: { type: 'string', enum: ['created', 'updated'] },
    forms: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          action: { type: 'string', enum: ['created', 'published', 'unchanged'] },
          version: { type: 'integer' },
        },
      },
    },
    automations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          action: { type: 'string', enum: ['created', 'updated'] },
        },
      },
    },
    records: { type: 'integer' },
  },
};
