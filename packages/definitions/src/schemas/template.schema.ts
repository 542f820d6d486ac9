import { i18nLongTextSchema, i18nTextSchema, idSchema, LIMITS } from './common.schema';
import { appDefinitionSchema } from './app.schema';
import { DASHBOARD_LIMITS, dashboardDefinitionSchema } from './dashboard.schema';

const { $schema: _appDialect, ...appSchema } = appDefinitionSchema;
const { $schema: _dashboardDialect, ...dashboardSchema } = dashboardDefinitionSchema;

/** JSON Schema (2020-12) of a `TemplateDefinition`. */
export const templateDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['key', 'name', 'description', 'app'],
  additionalProperties: false,
  properties: {
    key: idSchema,
    name: i18nTextSchema,
    description: i18nLongTextSchema,
    app: appSchema,
    roles: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['key', 'name'],
        additionalProperties: false,
        properties: { key: idSchema, name: i18nTextSchema },
      },
    },
    dashboards: { type: 'array', maxItems: DASHBOARD_LIMITS.charts, items: dashboardSchema },
    samples: {
      type: 'array',
      maxItems: LIMITS.templateSamples,
      items: {
        type: 'object',
        required: ['form', 'submittedBy', 'data'],
        additionalProperties: false,
        properties: {
          form: idSchema,
          submittedBy: { type: 'string', minLength: 1, maxLength: LIMITS.keyLength },
          data: { type: 'object' },
        },
      },
    },
    automations: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['key', 'name', 'trigger', 'flow'],
        additionalProperties: false,
        properties: {
          key: idSchema,
          name: i18nTextSchema,
          enabled: { type: 'boolean' },
          trigger: { type: 'object' },
          flow: { type: 'object' },
        },
      },
    },
    // Each set's grants are checked by the engine against the installed forms.
    permissionSets: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['key', 'name', 'forms', 'roles'],
        additionalProperties: false,
        properties: {
          key: idSchema,
          name: i18nTextSchema,
          description: i18nLongTextSchema,
          forms: { type: 'object' },
          roles: { type: 'array', maxItems: 100, items: idSchema },
        },
      },
    },
  },
} as const;
