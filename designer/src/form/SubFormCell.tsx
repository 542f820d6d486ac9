import type { JsonValue } from '@liuyun/definitions';
import { fieldId, pointer } from './field-path';
import { FieldInput } from './FieldInput';
import type { SubFormColumn } from './subform-model';
import type { RecordDraft } from './useRecordDraft';

export interface SubFormCellProps {
  fieldKey: string;
  index: number;
  column: SubFormColumn;
  value: JsonValue | undefined;
  draft: RecordDraft;
  errors: ReadonlyMap<string, string>;
}

/** One field of one sub-form row, with its error under it; nothing when the row hides it. */
export function SubFormCell({ fieldKey, index, column, value, draft, errors }: SubFormCellProps) {
  const path = pointer(fieldKey, index, column.key);
  if (!draft.outcome.isVisible(path)) return null;
  const error = errors.get(path);
  return (
    <div data-testid={`field${path.replace(/\//g, '-')}`}>
      <FieldInput
        field={column.field}
        id={fieldId(path)}
        value={value}
        onChange={(next) => draft.setValue(path, next)}
        invalid={error !== undefined}
        required={draft.outcome.isRequired(path)}
        ariaLabel={`${column.label} ${index + 1}`}
      />
      {error && <div className="cell-error">{error}</div>}
    </div>
  );
}
