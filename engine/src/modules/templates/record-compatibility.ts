import { prepareForm, type FormDefinition, type JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { same } from './template-content';

/** The fields whose definition differs between two versions of a form (present in both). */
export function changedFields(before: FormDefinition, after: FormDefinition): string[] {
  return Object.keys(after.schema.properties).filter(
    (name) =>
      before.schema.properties[name] !== undefined &&
      !same(before.schema.properties[name], after.schema.properties[name]),
  );
}

/**
 * How many stored records of a form hold a value of each field that the new definition
 * would refuse (a field turned from text into a number, options dropped, ...). Records
 * are checked with the same form check a submission gets; only values present count.
 */
export async function brokenRecordCounts(
  m: EntityManager,
  formId: string,
  definition: FormDefinition,
  fields: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (fields.length === 0) return counts;
  const rows: { data: JsonObject }[] = await m.query(
    'SELECT data FROM records WHERE form_id = $1 AND deleted_at IS NULL AND data ?| $2::text[]',
    [formId, fields],
  );
  if (rows.length === 0) return counts;
  const plan = prepareForm(definition);
  for (const { data } of rows) {
    const errors = plan.evaluate(data, { allowReadonly: true }).errors;
    const broken = new Set<string>();
    for (const e of errors) {
      const field = e.instancePath.split('/')[1];
      if (field && fields.includes(field) && data[field] !== undefined && data[field] !== null)
        broken.add(field);
    }
    for (const f of broken) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}
