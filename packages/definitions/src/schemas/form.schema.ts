import { fieldKeySchema, i18nTextSchema, idSchema, LIMITS, ruleSchema } from './common.schema';
import { fieldSchema } from './field.schema';

/** A submit-time check (`SubmitCheck`). */
export const submitCheckSchema = {
  type: 'object',
  required: ['id', 'rule', 'message'],
  additionalProperties: false,
  properties: {
    id: idSchema,
    rule: ruleSchema,
    message: i18nTextSchema,
    field: fieldKeySchema,
  },
} as const;

/** JSON Schema (2020-12) of a `FormDefinition`. */
export const formDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['key', 'name', 'schema', 'layout'],
  additionalProperties: false,
  properties: {
    key: idSchema,
    name: i18nTextSchema,
    schema: {
      type: 'object',
      required: ['type', 'properties'],
      additionalProperties: false,
      properties: {
        $schema: { const: 'https://json-schema.org/draft/2020-12/schema' },
        type: { const: 'object' },
        properties: {
          type: 'object',
          minProperties: 1,
          maxProperties: LIMITS.formFields,
          propertyNames: fieldKeySchema,
          additionalProperties: fieldSchema,
        },
        required: {
          type: 'array',
          maxItems: LIMITS.formFields,
          uniqueItems: true,
          items: fieldKeySchema,
        },
        additionalProperties: { const: false },
      },
    },
    layout: { type: 'array', maxItems: LIMITS.formFields, items: fieldKeySchema },
    checks: { type: 'array', maxItems: LIMITS.checks, items: submitCheckSchema },
  },
} as const;
