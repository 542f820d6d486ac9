/**
 * Building blocks shared by the definition schemas. Every user-authored string and list
 * carries a size cap: definitions are untrusted input until they pass validation.
 */

/** Caps on user-authored definitions, in one place so the designer can show them. */
export const LIMITS = {
  keyLength: 64,
  textLength: 500,
  longTextLength: 5000,
  formFields: 200,
  subFormFields: 50,
  enumValues: 200,
  checks: 50,
  assignees: 20,
  flowNodes: 500,
  flowEdges: 2000,
  appForms: 100,
  templateSamples: 1000,
  /** Deepest nesting of any definition document (rules included). */
  jsonDepth: 48,
  /** Most values (objects, arrays and scalars) in one definition document. */
  jsonNodes: 200_000,
  /** Longest string anywhere in a definition document. */
  jsonStringLength: 20_000,
} as const;

/** Keys of apps, forms and flows, and ids of nodes and edges (no `:`, used in task keys). */
export const idSchema = {
  type: 'string',
  minLength: 1,
  maxLength: LIMITS.keyLength,
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
} as const;

/** Field keys: usable as JSON Logic `var` paths, never `$`-prefixed (`$record` is reserved). */
export const fieldKeySchema = {
  type: 'string',
  minLength: 1,
  maxLength: LIMITS.keyLength,
  pattern: '^[A-Za-z][A-Za-z0-9_]*$',
  not: { enum: ['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'] },
} as const;

export const i18nTextSchema = {
  type: 'object',
  required: ['zh', 'en'],
  additionalProperties: false,
  properties: {
    zh: { type: 'string', maxLength: LIMITS.textLength },
    en: { type: 'string', maxLength: LIMITS.textLength },
  },
} as const;

export const i18nLongTextSchema = {
  ...i18nTextSchema,
  properties: {
    zh: { type: 'string', maxLength: LIMITS.longTextLength },
    en: { type: 'string', maxLength: LIMITS.longTextLength },
  },
} as const;

/**
 * A JSON Logic rule: any JSON. Its size and depth are capped by the document-wide limits
 * and its meaning is checked by `@liuyun/logic`'s `checkRule`.
 */
export const ruleSchema = {} as const;

/** A JSON scalar an enum may hold. */
export const scalarSchema = {
  anyOf: [
    { type: 'string', maxLength: LIMITS.textLength },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
  ],
} as const;
