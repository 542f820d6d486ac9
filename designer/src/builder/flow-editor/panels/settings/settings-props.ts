import type { FlowNode, FormDefinition } from '@liuyun/definitions';

/** What every node-type settings panel gets: its node, the flow's form, and a setter. */
export interface NodeSettingsProps<T extends FlowNode['type']> {
  node: Extract<FlowNode, { type: T }>;
  form: FormDefinition;
  /** Replaces the node's settings; `key` makes typing in one input a single undo step. */
  set: (next: Extract<FlowNode, { type: T }>['settings'], key: string) => void;
}

/** The form's fields as select options (key as label). */
export const fieldOptionsOf = (form: FormDefinition) =>
  Object.keys(form.schema.properties).map((k) => ({ value: k, label: k }));
