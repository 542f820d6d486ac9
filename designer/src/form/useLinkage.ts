import type { FormDefinition, JsonValue } from '@liuyun/definitions';
import { useEffect, useMemo } from 'react';
import { fieldsApi } from '../api/fields.api';
import { pointer } from './field-path';
import type { RecordDraft } from './useRecordDraft';

/**
 * Data linkage (数据联动) while filling in: when the fields a linkage matches on change,
 * the engine looks the value up and it fills the field (the server does the same on submit).
 */
export function useLinkage(form: FormDefinition, formId: string, draft: RecordDraft): void {
  const linked = useMemo(
    () =>
      Object.entries(form.schema.properties).flatMap(([key, field]) =>
        field['x-linkage'] ? [{ key, match: field['x-linkage'].match.map((m) => m.equals) }] : [],
      ),
    [form],
  );
  const { input, setValue } = draft;
  const signature = JSON.stringify(linked.map(({ match }) => match.map((k) => input[k] ?? null)));
  useEffect(() => {
    let live = true;
    const data = JSON.parse(JSON.stringify(input)) as Record<string, JsonValue>;
    for (const { key } of linked) {
      fieldsApi.linkage(formId, key, data).then(
        (value) => live && setValue(pointer(key), value ?? undefined),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
    // Only the matched values matter; the rest of the draft does not trigger a lookup.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, formId, linked, setValue]);
}
