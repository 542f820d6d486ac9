import type { I18nText, JsonObject, JsonValue } from '@liuyun/definitions';
import { isWritableKey } from './record.merge';

const PLACEHOLDER = /\{\{\s*([^{}\s]{1,64})\s*\}\}/g;

function display(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value
      .map((item) => display(item))
      .filter(Boolean)
      .join(', ');
  if (typeof value === 'object') return '';
  return String(value);
}

/** Fills `{{field}}` placeholders with the record's values (unknown or empty: blank). */
export function renderMessage(message: I18nText, record: JsonObject): I18nText {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_match, field: string) =>
      isWritableKey(field) && Object.prototype.hasOwnProperty.call(record, field)
        ? display(record[field])
        : '',
    );
  return { zh: fill(message.zh), en: fill(message.en) };
}
