import type { AssigneeSpec, JsonObject } from '@liuyun/definitions';
import { isWritableKey } from '../record.merge';
import type { Directory } from '../types';

/** User ids a member field holds: one id, or an array of ids (anything else: nobody). */
function membersOf(record: JsonObject, field: string): string[] {
  if (!isWritableKey(field) || !Object.prototype.hasOwnProperty.call(record, field)) return [];
  const value = record[field];
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value))
    return value.filter((id): id is string => typeof id === 'string' && id !== '');
  return [];
}

/**
 * Resolves assignee specs to user ids, deduplicated, in spec order: member fields from the
 * record, every other kind through the directory. May throw (a directory failing).
 */
export function resolveAssignees(
  specs: readonly AssigneeSpec[],
  directory: Directory,
  ctx: { submitterId: string; record: JsonObject },
): string[] {
  const ids: string[] = [];
  for (const spec of specs) {
    const found =
      spec.kind === 'field'
        ? membersOf(ctx.record, spec.field)
        : directory.resolve(spec, { submitterId: ctx.submitterId });
    for (const id of found) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
