import type { I18nText } from '@liuyun/definitions';
import { FORM_ACTIONS, type FormAction } from '../../common/policy/route-policy';

/** How a holder of a set sees one field: not at all, read only, or free to change. */
export type FieldAccess = 'hidden' | 'readonly' | 'editable';
export const FIELD_ACCESS: readonly FieldAccess[] = ['hidden', 'readonly', 'editable'];

/**
 * Which rows of a form a grant covers: the holder's own (submitted or owned), those of
 * their department and the departments below it, all, or the rows a JSON Logic filter
 * keeps (evaluated over the record's data, `$record` and `$user`).
 */
export type RowScope = 'own' | 'department' | 'all' | { filter: unknown };

/** What one permission set grants on one form. */
export interface FormGrant {
  actions: FormAction[];
  /** Fields not named are editable (as far as the form itself allows). */
  fields?: Record<string, FieldAccess>;
  rows: RowScope;
}

export type SubjectType = 'role' | 'department' | 'user';
export interface Assignment {
  type: SubjectType;
  /** A role key, a department id (its sub-departments included) or a user id. */
  subject: string;
}

export interface PermissionSetInput {
  key: string;
  name: I18nText;
  description?: I18nText | null;
  /** By form key. */
  forms: Record<string, FormGrant>;
  assignments: Assignment[];
}

export interface PermissionSetView extends Omit<PermissionSetInput, 'description'> {
  id: string;
  appKey: string;
  description: I18nText | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  /**
   * Row filters (per form) the database cannot apply: they use operators outside the SQL
   * subset and are evaluated in JavaScript over every row of the form. Empty: all compile.
   */
  rowFilterFallbacks: { form: string; unsupported: string[] }[];
}

const text = { type: 'string', minLength: 1, maxLength: 200 };
const i18n = {
  type: 'object',
  properties: { zh: text, en: text },
  required: ['zh', 'en'],
  additionalProperties: false,
};
const fieldKey = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
};

/** The JSON Schema of a grant on one form (the row filter is checked with the logic package). */
export const formGrantSchema = {
  type: 'object',
  properties: {
    actions: {
      type: 'array',
      items: { enum: [...FORM_ACTIONS] },
      uniqueItems: true,
      maxItems: FORM_ACTIONS.length,
    },
    fields: {
      type: 'object',
      propertyNames: fieldKey,
      additionalProperties: { enum: [...FIELD_ACCESS] },
      maxProperties: 500,
    },
    rows: {
      anyOf: [
        { enum: ['own', 'department', 'all'] },
        {
          type: 'object',
          properties: { filter: {} },
          required: ['filter'],
          additionalProperties: false,
        },
      ],
    },
  },
  required: ['actions', 'rows'],
  additionalProperties: false,
} as const;

const assignmentSchema = {
  type: 'object',
  properties: {
    type: { enum: ['role', 'department', 'user'] },
    subject: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['type', 'subject'],
  additionalProperties: false,
} as const;

const setProperties = {
  key: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' },
  name: i18n,
  description: { anyOf: [i18n, { type: 'null' }] },
  forms: {
    type: 'object',
    propertyNames: fieldKey,
    additionalProperties: formGrantSchema,
    maxProperties: 200,
  },
  assignments: { type: 'array', items: assignmentSchema, maxItems: 500 },
};

export const permissionSetCreateSchema = {
  type: 'object',
  properties: setProperties,
  required: ['key', 'name', 'forms', 'assignments'],
  additionalProperties: false,
} as const;

export const permissionSetUpdateSchema = {
  type: 'object',
  properties: setProperties,
  minProperties: 1,
  additionalProperties: false,
} as const;
