import type { NodeType } from './types';

/**
 * Every node type a flow may hold, in palette order. The runtime's node registry and the
 * designer's node components are keyed by exactly these strings (tests compare them).
 */
export const NODE_TYPES = [
  'start',
  'approval',
  'exclusive',
  'parallel_split',
  'parallel_join',
  'update_record',
  'end',
] as const satisfies readonly NodeType[];

// Fails to compile when NodeType gains a member that NODE_TYPES does not list.
type MissingNodeType = Exclude<NodeType, (typeof NODE_TYPES)[number]>;
const exhaustive: MissingNodeType extends never ? true : never = true;
void exhaustive;

/** Whether a string names a known node type. */
export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}

/** Widgets a field may use (`x-widget`). */
export const WIDGET_TYPES = [
  'text',
  'textarea',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'select',
  'radio',
  'subform',
] as const;
