import type { FormDefinition, JsonObject, JsonValue } from '@liuyun/definitions';
import { useCallback, useContext, useMemo, useState } from 'react';
import { AuthContext } from '../auth/auth.context';
import type { FieldPath } from './field-path';
import { emptyRow, initialDraft } from './field-value';
import { setIn, splitPointer } from './draft-update';
import { compileFormRules } from './form-rules';
import type { RuleOutcome } from './form-rules.types';

export interface RecordDraft {
  /** What the user typed. */
  input: JsonObject;
  /** The rules applied to it, recomputed on every change. */
  outcome: RuleOutcome;
  setValue: (path: FieldPath, value: JsonValue | undefined) => void;
  addRow: (fieldKey: string) => void;
  removeRow: (fieldKey: string, index: number) => void;
}

/** The state of a form being filled in, with the form's rules evaluated live as the user types. */
export function useRecordDraft(form: FormDefinition, initial?: JsonObject): RecordDraft {
  const rules = useMemo(() => compileFormRules(form), [form]);
  // Default rules may read the signed-in person (`$user`); a public form has none.
  const user = useContext(AuthContext)?.user ?? null;
  const [input, setInput] = useState<JsonObject>(() => initial ?? initialDraft(form, user));
  const outcome = useMemo(() => rules.evaluate(input), [rules, input]);

  const setValue = useCallback((path: FieldPath, value: JsonValue | undefined) => {
    setInput((current) => {
      const next = setIn(current, splitPointer(path), value);
      return typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
    });
  }, []);

  const addRow = useCallback(
    (fieldKey: string) => {
      const field = form.schema.properties[fieldKey];
      if (!field) return;
      setInput((current) => {
        const rows = current[fieldKey];
        return { ...current, [fieldKey]: [...(Array.isArray(rows) ? rows : []), emptyRow(field)] };
      });
    },
    [form],
  );

  const removeRow = useCallback((fieldKey: string, index: number) => {
    setInput((current) => {
      const rows = current[fieldKey];
      if (!Array.isArray(rows)) return current;
      return { ...current, [fieldKey]: rows.filter((_, i) => i !== index) };
    });
  }, []);

  return { input, outcome, setValue, addRow, removeRow };
}
