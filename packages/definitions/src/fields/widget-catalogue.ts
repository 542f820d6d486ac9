/**
 * What each widget is: whether it holds a value, the JSON Schema types its value may
 * have, and which extension keywords it takes. The publish checks, the form evaluation
 * and the designer's renderer read this one table.
 */
import type { FieldSchema, WidgetType } from '../types';

/** `value`: stored in the record; `display`: shown, never stored; `layout`: structure only. */
export type WidgetKind = 'value' | 'display' | 'layout';

export interface WidgetInfo {
  kind: WidgetKind;
  /** The field `type`s the widget accepts. */
  types: readonly FieldSchema['type'][];
  /** Extension keywords only this widget family may carry. */
  keywords: readonly (keyof FieldSchema)[];
  /** Allowed inside sub-form rows. */
  inRows: boolean;
  /** Set by the server, never by the submitter (serial numbers). */
  serverSet?: boolean;
}

const scalar = ['string', 'number', 'integer', 'boolean'] as const;
const numeric = ['number', 'integer'] as const;
const choice = ['x-options-from'] as const;
const picker = ['x-scope'] as const;
const files = ['x-files'] as const;

const value = (
  types: readonly FieldSchema['type'][],
  keywords: readonly (keyof FieldSchema)[] = [],
  inRows = true,
): WidgetInfo => ({ kind: 'value', types, keywords, inRows });

export const WIDGETS: Readonly<Record<WidgetType, WidgetInfo>> = {
  text: value(['string'], ['x-linkage']),
  textarea: value(['string'], ['x-linkage']),
  number: value(numeric, ['x-linkage']),
  money: value(numeric, ['x-linkage']),
  percent: value(numeric, ['x-linkage']),
  date: value(['string'], ['x-linkage']),
  datetime: value(['string'], ['x-linkage']),
  radio: value(scalar, [...choice, 'x-linkage']),
  select: value(scalar, [...choice, 'x-linkage']),
  checkbox: value(['array'], choice),
  multiselect: value(['array'], choice),
  member: value(['string', 'array'], picker),
  department: value(['string', 'array'], picker),
  subform: value(['array'], [], false),
  linked_record: value(['string'], ['x-link'], false),
  related_list: { kind: 'display', types: ['null'], keywords: ['x-related'], inRows: false },
  address: value(['object']),
  location: value(['object']),
  attachment: value(['array'], files),
  image: value(['array'], files),
  signature: value(['object'], files),
  serial: { ...value(['string'], ['x-serial'], false), serverSet: true },
  formula: value(scalar),
  description: { kind: 'display', types: ['null'], keywords: ['x-content'], inRows: false },
  section: { kind: 'layout', types: ['null'], keywords: [], inRows: false },
  tab: { kind: 'layout', types: ['null'], keywords: [], inRows: false },
};

/** Keywords that belong to one widget family (a field of another widget may not carry them). */
export const WIDGET_KEYWORDS: readonly (keyof FieldSchema)[] = [
  ...new Set(Object.values(WIDGETS).flatMap((w) => w.keywords)),
];

/** Whether the field holds a value in the record (not a description, related list, section or tab). */
export function holdsValue(field: Pick<FieldSchema, 'x-widget'>): boolean {
  return WIDGETS[field['x-widget']]?.kind === 'value';
}

/** Whether the submitter never sets this field: read-only, display-only or set by the server. */
export function isServerSetWidget(field: Pick<FieldSchema, 'x-widget'>): boolean {
  const info = WIDGETS[field['x-widget']];
  return info === undefined || info.kind !== 'value' || info.serverSet === true;
}

/** Whether a member/department field holds several ids. */
export function isMultiple(field: Pick<FieldSchema, 'type'>): boolean {
  return field.type === 'array';
}
