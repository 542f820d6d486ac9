import type { I18nText } from '@liuyun/definitions';

export type FormAction = 'view' | 'add' | 'edit' | 'delete' | 'export' | 'import' | 'manage';
export type FieldAccess = 'hidden' | 'readonly' | 'editable';
/** Own rows, the holder's department and below, all, or a JSON Logic filter over the record and `$user`. */
export type RowScope = 'own' | 'department' | 'all' | { filter: unknown };

export interface FormGrant {
  actions: FormAction[];
  fields?: Record<string, FieldAccess>;
  rows: RowScope;
}

export interface PermissionAssignment {
  type: 'role' | 'department' | 'user';
  /** Role key, department id or user id. */
  subject: string;
}

export interface PermissionSetInput {
  key: string;
  name: I18nText;
  description?: I18nText | null;
  forms: Record<string, FormGrant>;
  assignments: PermissionAssignment[];
}

export interface PermissionSet extends PermissionSetInput {
  id: string;
  appKey: string;
  description: I18nText | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** Row filters the database cannot apply (evaluated per row in the engine), per form. */
  rowFilterFallbacks: { form: string; unsupported: string[] }[];
}
