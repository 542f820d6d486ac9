import { WIDGET_TYPES } from '../node-types';
import { fieldKeySchema, i18nTextSchema, LIMITS, ruleSchema, scalarSchema } from './common.schema';

/** Formats a field may declare; each is checked by a linear-time validator. */
export const FIELD_FORMATS = ['date', 'date-time', 'time', 'email'] as const;

/**
 * Keywords a field schema may never hold, even though JSON Schema has them: user schemas
 * are untrusted (a catastrophic `pattern`, a recursive `$ref`, `$data` indirection).
 */
export const FORBIDDEN_FIELD_KEYWORDS = [
  'pattern',
  'patternProperties',
  '$ref',
  '$dynamicRef',
  '$data',
  '$id',
  '$defs',
  '$anchor',
  '$dynamicAnchor',
] as const;

/** Annotation keywords a field carries next to JSON Schema (registered with ajv). */
export const FIELD_ANNOTATION_KEYWORDS = [
  'x-widget',
  'x-label',
  'x-enum-labels',
  'x-computed',
  'x-visible',
  'x-required-when',
  'x-readonly',
  'x-unique',
  'x-dedupe',
  'x-normalize',
] as const;

/** How a unique or duplicate-checked value is compared (see `x-normalize`). */
export const NORMALIZE_KINDS = ['text', 'phone', 'email'] as const;

const count = { type: 'integer', minimum: 0, maximum: 1_000_000 } as const;

const fieldProperties = {
  type: { enum: ['string', 'number', 'integer', 'boolean', 'array', 'object'] },
  title: { type: 'string', maxLength: LIMITS.textLength },
  description: { type: 'string', maxLength: LIMITS.longTextLength },
  enum: { type: 'array', minItems: 1, maxItems: LIMITS.enumValues, items: scalarSchema },
  minimum: { type: 'number' },
  maximum: { type: 'number' },
  minLength: count,
  maxLength: count,
  minItems: count,
  maxItems: count,
  format: { enum: FIELD_FORMATS },
  default: ruleSchema,
  'x-widget': { enum: WIDGET_TYPES },
  'x-label': i18nTextSchema,
  'x-enum-labels': { type: 'array', maxItems: LIMITS.enumValues, items: i18nTextSchema },
  'x-computed': ruleSchema,
  'x-visible': ruleSchema,
  'x-required-when': ruleSchema,
  'x-readonly': { type: 'boolean' },
} as const;

/** A field inside a sub-form row: no nested sub-forms (that caps the depth of forms). */
export const rowFieldSchema = {
  type: 'object',
  required: ['type', 'x-widget', 'x-label'],
  additionalProperties: false,
  properties: fieldProperties,
} as const;

/** The rows of a sub-form field (`items`). */
export const subFormSchema = {
  type: 'object',
  required: ['type', 'properties'],
  additionalProperties: false,
  properties: {
    type: { const: 'object' },
    properties: {
      type: 'object',
      minProperties: 1,
      maxProperties: LIMITS.subFormFields,
      propertyNames: fieldKeySchema,
      additionalProperties: rowFieldSchema,
    },
    required: {
      type: 'array',
      maxItems: LIMITS.subFormFields,
      uniqueItems: true,
      items: fieldKeySchema,
    },
    additionalProperties: { const: false },
  },
} as const;

/** Unique values and duplicate checks (查重): top-level fields only, not sub-form rows. */
const dedupeProperties = {
  'x-unique': { type: 'boolean' },
  'x-dedupe': { type: 'boolean' },
  'x-normalize': { enum: NORMALIZE_KINDS },
} as const;

/** A top-level form field (`FieldSchema`). */
export const fieldSchema = {
  type: 'object',
  required: ['type', 'x-widget', 'x-label'],
  additionalProperties: false,
  properties: { ...fieldProperties, ...dedupeProperties, items: subFormSchema },
} as const;
