import type { FieldSchema, JsonValue } from '@liuyun/definitions';

/** The props every widget takes (a subset of FieldInput's). */
export interface WidgetProps {
  field: FieldSchema;
  /** The field key, or `subForm.key` inside rows (what lookups and uploads name). */
  fieldPath: string;
  id: string;
  value: JsonValue | undefined;
  onChange: (value: JsonValue | undefined) => void;
  invalid?: boolean;
  ariaLabel?: string;
}
