import type { FormDefinition, I18nText, JsonValue } from '@liuyun/definitions';

/** A field a rule can test, as the rule builder offers it. */
export interface RuleField {
  key: string;
  label: I18nText;
  widget: string;
  type: string;
  /** Choices of select / radio fields. */
  options?: { value: JsonValue; label: I18nText }[];
}

/** The top-level value fields of a form, in layout order (sub-forms cannot be compared). */
export function ruleFieldsOf(form: FormDefinition, except?: string): RuleField[] {
  const keys = [...new Set([...form.layout, ...Object.keys(form.schema.properties)])];
  return keys.flatMap((key) => {
    const field = form.schema.properties[key];
    if (!field || key === except || field.type === 'array' || field.type === 'object') return [];
    if ((field.type as string) === 'null') return [];
    const labels = field['x-enum-labels'];
    return [
      {
        key,
        label: field['x-label'],
        widget: field['x-widget'],
        type: field.type,
        ...(field.enum
          ? {
              options: field.enum.map((value, i) => ({
                value,
                label: labels?.[i] ?? { zh: String(value), en: String(value) },
              })),
            }
          : {}),
      },
    ];
  });
}
