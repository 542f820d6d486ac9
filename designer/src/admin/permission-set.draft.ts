import type {
  FieldAccess,
  FormAction,
  FormGrant,
  PermissionSet,
  PermissionSetInput,
} from '@liuyun/client';

export const FORM_ACTIONS: FormAction[] = [
  'view',
  'add',
  'edit',
  'delete',
  'export',
  'import',
  'manage',
];
export type RowChoice = 'own' | 'department' | 'all' | 'filter';
export const ROW_CHOICES: RowChoice[] = ['own', 'department', 'all', 'filter'];
export const FIELD_ACCESS: FieldAccess[] = ['editable', 'readonly', 'hidden'];

/** What the editor holds for one form (a form without actions is left out of the set). */
export interface GrantDraft {
  actions: FormAction[];
  rows: RowChoice;
  /** The JSON Logic filter as typed (rows = filter). */
  filterText: string;
  fields: Record<string, FieldAccess>;
}

export interface SetDraft {
  key: string;
  nameZh: string;
  nameEn: string;
  roles: string[];
  departments: string[];
  users: string[];
  forms: Record<string, GrantDraft>;
}

export const emptyGrant = (): GrantDraft => ({
  actions: [],
  rows: 'own',
  filterText: '',
  fields: {},
});

export function draftOf(set: PermissionSet | null): SetDraft {
  if (!set)
    return { key: '', nameZh: '', nameEn: '', roles: [], departments: [], users: [], forms: {} };
  const forms: Record<string, GrantDraft> = {};
  for (const [key, g] of Object.entries(set.forms)) {
    forms[key] = {
      actions: [...g.actions],
      rows: typeof g.rows === 'object' ? 'filter' : g.rows,
      filterText: typeof g.rows === 'object' ? JSON.stringify(g.rows.filter, null, 2) : '',
      fields: { ...(g.fields ?? {}) },
    };
  }
  const subjects = (type: string) =>
    set.assignments.filter((a) => a.type === type).map((a) => a.subject);
  return {
    key: set.key,
    nameZh: set.name.zh,
    nameEn: set.name.en,
    roles: subjects('role'),
    departments: subjects('department'),
    users: subjects('user'),
    forms,
  };
}

/** The filter text as JSON, or the reason it is not (shown under the field). */
export function parseFilter(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The request body, or the form keys whose filter is not JSON. */
export function inputOf(d: SetDraft): { input: PermissionSetInput } | { badFilters: string[] } {
  const forms: Record<string, FormGrant> = {};
  const badFilters: string[] = [];
  for (const [key, g] of Object.entries(d.forms)) {
    if (g.actions.length === 0) continue;
    let rows: FormGrant['rows'] = g.rows === 'filter' ? 'own' : g.rows;
    if (g.rows === 'filter') {
      const parsed = parseFilter(g.filterText);
      if (!parsed.ok) badFilters.push(key);
      else rows = { filter: parsed.value };
    }
    const fields = Object.fromEntries(Object.entries(g.fields).filter(([, a]) => a !== 'editable'));
    forms[key] = {
      actions: g.actions,
      rows,
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
    };
  }
  if (badFilters.length > 0) return { badFilters };
  return {
    input: {
      key: d.key,
      name: { zh: d.nameZh, en: d.nameEn },
      forms,
      assignments: [
        ...d.roles.map((subject) => ({ type: 'role' as const, subject })),
        ...d.departments.map((subject) => ({ type: 'department' as const, subject })),
        ...d.users.map((subject) => ({ type: 'user' as const, subject })),
      ],
    },
  };
}
