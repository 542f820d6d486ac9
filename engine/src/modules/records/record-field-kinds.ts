import type { FieldSchema, FormDefinition } from '@liuyun/definitions';

/**
 * How a list treats a field: which filters apply and which SQL expression sorts it.
 * Decided from the JSON Schema type and the widget, so widgets added later (member,
 * department, checkbox group, ...) fall into a kind without changes here.
 */
export type FieldKind =
  'text' | 'choice' | 'number' | 'date' | 'datetime' | 'boolean' | 'member' | 'multi' | 'other';

/** Columns every record has, usable in filters and sorts like fields. */
export const SYSTEM_FIELDS = {
  createdAt: { kind: 'datetime', column: 'r.created_at' },
  updatedAt: { kind: 'datetime', column: 'r.updated_at' },
  createdBy: { kind: 'member', column: 'r.created_by' },
} as const satisfies Record<string, { kind: FieldKind; column: string }>;

export type SystemField = keyof typeof SYSTEM_FIELDS;

export function isSystemField(name: string): name is SystemField {
  return Object.prototype.hasOwnProperty.call(SYSTEM_FIELDS, name);
}

const MEMBER_WIDGETS = new Set(['member', 'members', 'department', 'departments']);

export function fieldKind(field: FieldSchema): FieldKind {
  const widget: string = field['x-widget'];
  if (widget === 'subform' || field.type === 'object') return 'other';
  if (MEMBER_WIDGETS.has(widget)) return field.type === 'array' ? 'multi' : 'member';
  if (field.type === 'array') return 'multi';
  if (field.type === 'number' || field.type === 'integer') return 'number';
  if (field.type === 'boolean') return 'boolean';
  if (field.format === 'date' || widget === 'date') return 'date';
  if (field.format === 'date-time' || widget === 'datetime') return 'datetime';
  if (field.enum) return 'choice';
  return 'text';
}

/** Field keys are `^[A-Za-z][A-Za-z0-9_]*$` (definitions); checked again before they reach SQL. */
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function sqlKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe field key ${JSON.stringify(key)}`);
  return `'${key}'`;
}

/** The SQL value a field sorts and compares by (also the expression its index is built on). */
export function sortExpression(key: string, kind: FieldKind): string {
  if (isSystemField(key)) return SYSTEM_FIELDS[key].column;
  const k = sqlKey(key);
  switch (kind) {
    case 'number':
      return `liuyun_num(r.data -> ${k})`;
    case 'datetime':
      return `liuyun_ts(r.data ->> ${k})`;
    default:
      return `(r.data ->> ${k})`;
  }
}

/** The SQL type a sort or comparison value is cast to. */
export function sqlType(kind: FieldKind): string {
  switch (kind) {
    case 'number':
      return 'numeric';
    case 'datetime':
      return 'timestamptz';
    case 'member':
      return 'text';
    default:
      return 'text';
  }
}

export function isSortable(kind: FieldKind): boolean {
  return kind !== 'other' && kind !== 'multi';
}

export interface ListField {
  key: string;
  kind: FieldKind;
  system: boolean;
}

/** The fields of a form a list can name: its top-level fields and the system columns. */
export function listFields(form: FormDefinition): Map<string, ListField> {
  const out = new Map<string, ListField>();
  for (const [key, field] of Object.entries(form.schema.properties)) {
    out.set(key, { key, kind: fieldKind(field), system: false });
  }
  for (const [key, spec] of Object.entries(SYSTEM_FIELDS)) {
    out.set(key, { key, kind: spec.kind, system: true });
  }
  return out;
}
