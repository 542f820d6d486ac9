import type { FormDefinition, JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import type { RecordScope } from '../access/record-scope';

export interface SiblingForm {
  id: string;
  version: number;
  definition: FormDefinition;
}

/** A published form of the same app as `formId`, by key; null when there is none. */
export async function siblingForm(
  m: EntityManager,
  formId: string,
  key: string,
): Promise<SiblingForm | null> {
  const rows: { id: string; version: number; definition: FormDefinition }[] = await m.query(
    `SELECT f.id, v.version, v.definition FROM forms f
       JOIN form_versions v ON v.form_id = f.id AND v.version = f.published_version
      WHERE f.key = $2 AND f.published_version > 0
        AND f.app_id = (SELECT app_id FROM forms WHERE id = $1)`,
    [formId, key],
  );
  const row = rows[0];
  return row ? { id: row.id, version: row.version, definition: row.definition } : null;
}

/** The latest published definitions of every form of the app, by key (publish checks). */
export async function appForms(
  m: EntityManager,
  appId: string,
): Promise<Record<string, FormDefinition>> {
  const rows: { key: string; definition: FormDefinition }[] = await m.query(
    `SELECT f.key, v.definition FROM forms f
       JOIN form_versions v ON v.form_id = f.id AND v.version = f.published_version
      WHERE f.app_id = $1 AND f.published_version > 0`,
    [appId],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.definition]));
}

/** Records of a form the user may read, with these ids. */
export async function visibleRecords(
  m: EntityManager,
  formId: string,
  ids: string[],
  scope: RecordScope,
): Promise<Map<string, JsonObject>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; data: JsonObject }[] = await m.query(
    `SELECT r.id, r.data FROM records r
      WHERE r.form_id = $1 AND r.id = ANY($2::uuid[]) AND ${scope.sql(3)}`,
    [formId, ids, ...scope.params],
  );
  return new Map(rows.map((r) => [r.id, r.data]));
}
