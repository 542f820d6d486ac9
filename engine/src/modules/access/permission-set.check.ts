import { checkRule } from '@liuyun/logic';
import type { EntityManager } from 'typeorm';
import { AppError, type ErrorDetail } from '../../common/errors/app-error';
import type { Assignment, FormGrant } from './permission-set.types';

const invalid = (code: string, message: string, details: ErrorDetail[]): AppError =>
  new AppError(422, code, message, details);

/** The app's forms by key, with the fields of their newest definition (none: not checked). */
async function appForms(m: EntityManager, appId: string): Promise<Map<string, Set<string> | null>> {
  const rows: { key: string; fields: string[] | null }[] = await m.query(
    `SELECT f.key,
            (SELECT array_agg(k) FROM form_versions v, jsonb_object_keys(v.definition::jsonb -> 'schema' -> 'properties') k
              WHERE v.form_id = f.id AND v.version = (SELECT max(version) FROM form_versions WHERE form_id = f.id)) AS fields
       FROM forms f WHERE f.app_id = $1`,
    [appId],
  );
  return new Map(rows.map((r) => [r.key, r.fields ? new Set(r.fields) : null]));
}

/**
 * What the JSON Schema cannot say about a set: its forms and fields exist in the app,
 * its row filters are sound JSON Logic (the logic package's checks, as at publish), and
 * the roles, departments and users it is given to exist. Refused with 422 and a code.
 */
export async function checkPermissionSet(
  m: EntityManager,
  appId: string,
  forms: Record<string, FormGrant>,
  assignments: Assignment[],
): Promise<void> {
  const known = await appForms(m, appId);
  const unknown: ErrorDetail[] = [];
  const filters: ErrorDetail[] = [];
  for (const [formKey, grant] of Object.entries(forms)) {
    const fields = known.get(formKey);
    if (fields === undefined) {
      unknown.push({
        instancePath: `/forms/${formKey}`,
        keyword: 'unknownForm',
        message: 'is no form of this app',
        params: { form: formKey },
      });
      continue;
    }
    for (const field of Object.keys(grant.fields ?? {})) {
      if (fields && !fields.has(field))
        unknown.push({
          instancePath: `/forms/${formKey}/fields/${field}`,
          keyword: 'unknownField',
          message: 'is no field of the form',
          params: { form: formKey, field },
        });
    }
    if (typeof grant.rows === 'object') {
      for (const issue of checkRule(grant.rows.filter))
        filters.push({
          instancePath: `/forms/${formKey}/rows/filter${issue.path}`,
          keyword: issue.code,
          message: issue.message,
          params: { form: formKey },
        });
    }
  }
  if (unknown.length > 0)
    throw invalid(
      'unknown_form_or_field',
      'The set names forms or fields the app does not have.',
      unknown,
    );
  if (filters.length > 0)
    throw invalid('invalid_row_filter', 'A row filter is not a valid JSON Logic rule.', filters);
  const missing: ErrorDetail[] = [];
  for (const [i, a] of assignments.entries()) {
    const sql =
      a.type === 'role'
        ? 'SELECT 1 FROM roles WHERE key = $1'
        : a.type === 'department'
          ? 'SELECT 1 FROM departments WHERE id::text = $1'
          : 'SELECT 1 FROM users WHERE id::text = $1';
    const found: unknown[] = await m.query(sql, [a.subject.toLowerCase()]);
    if (found.length === 0)
      missing.push({
        instancePath: `/assignments/${i}`,
        keyword: 'unknownSubject',
        message: `names no ${a.type}`,
        params: { type: a.type, subject: a.subject },
      });
  }
  if (missing.length > 0)
    throw invalid(
      'unknown_subject',
      'The set is given to roles, departments or users that do not exist.',
      missing,
    );
}
