import { i18nLongTextSchema, i18nTextSchema, idSchema, LIMITS } from './common.schema';
import { flowDefinitionSchema } from './flow.schema';
import { formDefinitionSchema } from './form.schema';

const { $schema: _formDialect, ...formSchema } = formDefinitionSchema;
const { $schema: _flowDialect, ...flowSchema } = flowDefinitionSchema;

/** JSON Schema (2020-12) of an `AppDefinition`. */
export const appDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['key', 'name', 'forms'],
  additionalProperties: false,
  properties: {
    key: idSchema,
    name: i18nTextSchema,
    description: i18nLongTextSchema,
    forms: {
      type: 'array',
      maxItems: LIMITS.appForms,
      items: {
        type: 'object',
        required: ['form'],
        additionalProperties: false,
        properties: { form: formSchema, flow: flowSchema },
      },
    },
  },
} as const;
