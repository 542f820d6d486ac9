import type { NodeType, WidgetType } from './types';

/**
 * Every node type a flow may hold, in palette order. The runtime's node registry and the
 * designer's node components are keyed by exactly these strings (tests compare them).
 */
export const NODE_TYPES = [
  'start',
  'approval',
  'fill',
  'cc',
  'exclusive',
  'parallel_split',
  'parallel_join',
  'update_record',
  'create_record',
  'notify',
  'webhook',
  'wait',
  'subprocess',
  'end',
] as const satisfies readonly NodeType[];

// Fails to compile when NodeType gains a member that NODE_TYPES does not list.
type MissingNodeType = Exclude<NodeType, (typeof NODE_TYPES)[number]>;
const exhaustive: MissingNodeType extends never ? true : never = true;
void exhaustive;

/**
 * Node types whose token waits for an event (a task decision, a timer, a child flow): a
 * cycle through one of them cannot spin within one step. A sub-process waits only when
 * `waitForOutcome` is set; the validator checks that.
 */
export const WAIT_NODE_TYPES = [
  'approval',
  'fill',
  'wait',
  'subprocess',
] as const satisfies readonly NodeType[];

/** Node types that hand tasks to people and take task actions. */
export const TASK_NODE_TYPES = ['approval', 'fill'] as const satisfies readonly NodeType[];

/** Whether a string names a known node type. */
export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}

/** Widgets a field may use (`x-widget`), in palette order. */
export const WIDGET_TYPES = [
  'text',
  'textarea',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'radio',
  'checkbox',
  'select',
  'multiselect',
  'member',
  'department',
  'subform',
  'linked_record',
  'related_list',
  'address',
  'location',
  'attachment',
  'image',
  'signature',
  'serial',
  'formula',
  'description',
  'section',
  'tab',
] as const satisfies readonly WidgetType[];

// Fails to compile when WidgetType gains a member that WIDGET_TYPES does not list.
type MissingWidget = Exclude<WidgetType, (typeof WIDGET_TYPES)[number]>;
const widgetsExhaustive: MissingWidget extends never ? true : never = true;
void widgetsExhaustive;
