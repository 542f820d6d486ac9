import { subFormRowsOf, type FormDefinition } from '@liuyun/definitions';
import { splitPointer } from './draft-update';
import type { RuleOutcome } from './form-rules.types';

/**
 * Whether an error at `path` has a field on screen to sit next to: a visible top-level
 * field, or a visible cell of a sub-form row. Others are listed in the form's banner.
 */
export function isPlacedPath(form: FormDefinition, outcome: RuleOutcome, path: string): boolean {
  const [key, row, column, ...rest] = splitPointer(path);
  if (key === undefined || rest.length > 0) return false;
  const field = form.schema.properties[key];
  if (!field || !outcome.isVisible(`/${key}`)) return false;
  if (row === undefined) return true;
  if (column === undefined) return false;
  return subFormRowsOf(field)?.properties[column] !== undefined && outcome.isVisible(path);
}
