import type { FieldSchema, FormDefinition, JsonObject, JsonValue } from '@liuyun/definitions';
import { subFormRowsOf } from '@liuyun/definitions';
import { useEffect, useState } from 'react';
import { fieldsApi } from '../api/fields.api';

/** Names for the ids that member and department values hold (undefined: not known). */
export interface DirectoryLabels {
  user: (id: string) => string | undefined;
  department: (id: string) => string | undefined;
}

export const NO_LABELS: DirectoryLabels = { user: () => undefined, department: () => undefined };

const userNames = new Map<string, string>();
const departmentNames = new Map<string, string>();
let departmentsLoaded: Promise<void> | null = null;
const BATCH = 200;

const idsIn = (value: JsonValue | undefined): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : [];

/** The member and department ids the rows hold (sub-form rows included). */
export function referencedIds(
  properties: Record<string, FieldSchema>,
  rows: JsonObject[],
): { users: Set<string>; departments: boolean } {
  const users = new Set<string>();
  let departments = false;
  for (const [key, field] of Object.entries(properties)) {
    const widget = field['x-widget'];
    if (widget === 'member') for (const row of rows) idsIn(row[key]).forEach((id) => users.add(id));
    else if (widget === 'department') departments ||= rows.some((r) => r[key] !== undefined);
    else if (widget === 'subform') {
      const inner = subFormRowsOf(field)?.properties ?? {};
      const subRows = rows.flatMap((r) => (Array.isArray(r[key]) ? r[key] : [])) as JsonObject[];
      const found = referencedIds(inner, subRows);
      found.users.forEach((id) => users.add(id));
      departments ||= found.departments;
    }
  }
  return { users, departments };
}

async function loadUsers(ids: string[]): Promise<void> {
  const missing = ids.filter((id) => !userNames.has(id));
  for (let i = 0; i < missing.length; i += BATCH) {
    const found = await fieldsApi.usersById(missing.slice(i, i + BATCH));
    for (const u of found) userNames.set(u.id, u.displayName || u.username);
  }
}

function loadDepartments(): Promise<void> {
  departmentsLoaded ??= fieldsApi.allDepartments().then(
    (list) => list.forEach((d) => departmentNames.set(d.id, d.name)),
    () => {
      departmentsLoaded = null; // try again next time
    },
  );
  return departmentsLoaded;
}

/**
 * Names for the members and departments the records of `form` hold: loaded once per id
 * (cached for the page's life), so lists and record pages show people, not ids.
 */
export function useDirectoryLabels(
  form: Pick<FormDefinition, 'schema'> | null,
  rows: JsonObject[],
): DirectoryLabels {
  const [generation, setGeneration] = useState(0);
  const wanted = form ? referencedIds(form.schema.properties, rows) : null;
  const key = wanted ? `${[...wanted.users].sort().join(',')}|${String(wanted.departments)}` : '';
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const loads = [loadUsers([...wanted.users]).catch(() => undefined)];
    if (wanted.departments) loads.push(loadDepartments());
    void Promise.all(loads).then(() => live && setGeneration((n) => n + 1));
    return () => {
      live = false;
    };
    // `key` stands for `wanted`: reload only when the ids change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  void generation;
  return { user: (id) => userNames.get(id), department: (id) => departmentNames.get(id) };
}
