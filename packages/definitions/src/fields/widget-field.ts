/**
 * Builds the canonical field schema of a widget (what the designer's palette drops and
 * templates may use): the JSON Schema of the value plus the widget's annotations.
 */
import type { FieldSchema, I18nText, WidgetType } from '../types';
import { ADDRESS_SHAPE, FILE_REF_SHAPE, ID_SHAPE, LOCATION_SHAPE } from './value-shapes';

/** Deep copies, so a built field never shares objects with the shape constants. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The value part of a widget's schema (`type` and what follows from it). */
export function valueShapeOf(widget: WidgetType, multiple = false): Partial<FieldSchema> {
  switch (widget) {
    case 'number':
    case 'money':
    case 'percent':
      return { type: 'number' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'checkbox':
    case 'multiselect':
      return { type: 'array', uniqueItems: true, items: { type: 'string' } };
    case 'member':
    case 'department':
      return multiple
        ? { type: 'array', uniqueItems: true, items: copy(ID_SHAPE) }
        : copy(ID_SHAPE);
    case 'subform':
      return { type: 'array', items: { type: 'object', properties: {} } };
    case 'linked_record':
      return copy(ID_SHAPE);
    case 'address':
      return { type: 'object', ...copy(ADDRESS_SHAPE) };
    case 'location':
      return { type: 'object', ...copy(LOCATION_SHAPE) };
    case 'attachment':
    case 'image':
      return { type: 'array', items: { type: 'object', ...copy(FILE_REF_SHAPE) } };
    case 'signature':
      return { type: 'object', ...copy(FILE_REF_SHAPE) };
    case 'related_list':
    case 'description':
    case 'section':
    case 'tab':
      return { type: 'null' };
    default:
      return { type: 'string' };
  }
}

/**
 * A field of `widget` with its canonical value schema; `extra` adds or overrides keywords
 * (`x-link`, `enum`, `maxItems`, rules, ...).
 */
export function widgetField(
  widget: WidgetType,
  label: I18nText,
  extra: Partial<FieldSchema> & { multiple?: boolean } = {},
): FieldSchema {
  const { multiple, ...rest } = extra;
  return {
    ...valueShapeOf(widget, multiple === true),
    'x-widget': widget,
    'x-label': label,
    ...rest,
  } as FieldSchema;
}
