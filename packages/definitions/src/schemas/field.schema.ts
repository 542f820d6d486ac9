import { WIDGET_TYPES } from '../node-types';
import {
  fieldKeySchema,
  i18nLongTextSchema,
  i18nTextSchema,
  idSchema,
  LIMITS,
  ruleSchema,
  scalarSchema,
} from './common.schema';

/** Formats a field may declare; each is checked by a linear-time validator. */
export const FIELD_FORMATS = ['date', 'date-time', 'time', 'email', 'uuid'] as const;

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
  'x-default',
  'x-options-from',
  'x-scope',
  'x-link',
  'x-related',
  'x-linkage',
  'x-files',
  'x-serial',
  'x-content',
] as const;

const count = { type: 'integer', minimum: 0, maximum: 1_000_000 } as const;
const uuidSchema = { type: 'string', maxLength: 36, format: 'uuid' } as const;
const keyList = (max: number) =>
  ({ type: 'array', maxItems: max, uniqueItems: true, items: fieldKeySchema }) as const;

/**
 * A part of an object value or the item of a list value: scalars, or one level of
 * object (a file reference). Nesting stops there, which caps the depth of records.
 */
const leafValueSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { enum: ['string', 'number', 'integer', 'boolean'] },
    title: { type: 'string', maxLength: LIMITS.textLength },
    enum: { type: 'array', minItems: 1, maxItems: LIMITS.enumValues, items: scalarSchema },
    format: { enum: FIELD_FORMATS },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    minLength: count,
    maxLength: count,
  },
} as const;

const valuePropertiesSchema = {
  type: 'object',
  minProperties: 1,
  maxProperties: 12,
  propertyNames: fieldKeySchema,
  additionalProperties: leafValueSchema,
} as const;

/** The `items` of a list value (checkbox, multi-select, multi pickers, files). */
export const valueItemsSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    ...leafValueSchema.properties,
    type: { enum: ['string', 'number', 'integer', 'boolean', 'object'] },
    properties: valuePropertiesSchema,
    required: keyList(12),
    additionalProperties: { const: false },
  },
} as const;

const optionsFromSchema = {
  type: 'object',
  required: ['form', 'field'],
  additionalProperties: false,
  properties: { form: idSchema, field: fieldKeySchema },
} as const;

const scopeSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    departments: { type: 'array', maxItems: 50, uniqueItems: true, items: uuidSchema },
    includeChildren: { type: 'boolean' },
    roles: { type: 'array', maxItems: 50, uniqueItems: true, items: idSchema },
  },
} as const;

const linkSchema = {
  type: 'object',
  required: ['form', 'display'],
  additionalProperties: false,
  properties: {
    form: idSchema,
    display: fieldKeySchema,
    copy: {
      type: 'object',
      maxProperties: LIMITS.subFormFields,
      propertyNames: fieldKeySchema,
      additionalProperties: fieldKeySchema,
    },
  },
} as const;

const relatedSchema = {
  type: 'object',
  required: ['form', 'field', 'columns'],
  additionalProperties: false,
  properties: {
    form: idSchema,
    field: fieldKeySchema,
    columns: { ...keyList(20), minItems: 1 },
  },
} as const;

const linkageSchema = {
  type: 'object',
  required: ['form', 'match', 'value'],
  additionalProperties: false,
  properties: {
    form: idSchema,
    match: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: {
        type: 'object',
        required: ['field', 'equals'],
        additionalProperties: false,
        properties: { field: fieldKeySchema, equals: fieldKeySchema },
      },
    },
    value: fieldKeySchema,
  },
} as const;

const filesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxSize: { type: 'integer', minimum: 1, maximum: 100 * 1024 * 1024 },
    accept: {
      type: 'array',
      maxItems: 30,
      uniqueItems: true,
      items: { type: 'string', minLength: 2, maxLength: 100 },
    },
  },
} as const;

const serialSchema = {
  type: 'object',
  required: ['pattern'],
  additionalProperties: false,
  properties: {
    pattern: { type: 'string', minLength: 1, maxLength: 100 },
    reset: { enum: ['never', 'yearly', 'monthly', 'daily'] },
  },
} as const;

const fieldProperties = {
  type: { enum: ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] },
  title: { type: 'string', maxLength: LIMITS.textLength },
  description: { type: 'string', maxLength: LIMITS.longTextLength },
  enum: { type: 'array', minItems: 1, maxItems: LIMITS.enumValues, items: scalarSchema },
  minimum: { type: 'number' },
  maximum: { type: 'number' },
  minLength: count,
  maxLength: count,
  minItems: count,
  maxItems: count,
  uniqueItems: { type: 'boolean' },
  format: { enum: FIELD_FORMATS },
  default: ruleSchema,
  properties: valuePropertiesSchema,
  required: keyList(12),
  additionalProperties: { const: false },
  'x-widget': { enum: WIDGET_TYPES },
  'x-label': i18nTextSchema,
  'x-enum-labels': { type: 'array', maxItems: LIMITS.enumValues, items: i18nTextSchema },
  'x-computed': ruleSchema,
  'x-visible': ruleSchema,
  'x-required-when': ruleSchema,
  'x-readonly': { type: 'boolean' },
  'x-default': ruleSchema,
  'x-options-from': optionsFromSchema,
  'x-scope': scopeSchema,
  'x-link': linkSchema,
  'x-related': relatedSchema,
  'x-linkage': linkageSchema,
  'x-files': filesSchema,
  'x-serial': serialSchema,
  'x-content': i18nLongTextSchema,
} as const;

/** A field inside a sub-form row: no nested sub-forms (that caps the depth of forms). */
export const rowFieldSchema = {
  type: 'object',
  required: ['type', 'x-widget', 'x-label'],
  additionalProperties: false,
  properties: { ...fieldProperties, items: valueItemsSchema },
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

/** A top-level form field (`FieldSchema`): sub-forms hold rows, list values hold items. */
export const fieldSchema = {
  type: 'object',
  required: ['type', 'x-widget', 'x-label'],
  additionalProperties: false,
  properties: { ...fieldProperties, items: {} },
  if: { required: ['x-widget'], properties: { 'x-widget': { const: 'subform' } } },
  then: { properties: { items: subFormSchema } },
  else: { properties: { items: valueItemsSchema } },
} as const;
