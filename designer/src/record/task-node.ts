import type { FlowDefinition, FormDefinition, JsonValue } from '@liuyun/definitions';
import type { TaskAction } from '@liuyun/client';
import { isDerived } from '../form/field-value';

/** What the holder of a task at a node does, and which fields they may change there. */
export interface TaskNodeInfo {
  /** `fill` (填写) and resubmissions at the start are submitted; approvals approved or rejected. */
  actions: TaskAction[];
  kind: 'approval' | 'fill';
  /** Field keys editable at the node, in the form's layout order. */
  editable: string[];
  /** Of those, the ones the node requires before a positive decision. */
  required: Set<string>;
}

/** Reads a task's node from the flow: its actions and field permissions. */
export function taskNodeInfo(
  flow: FlowDefinition | undefined,
  form: FormDefinition,
  nodeId: string,
): TaskNodeInfo {
  const node = flow?.nodes.find((n) => n.id === nodeId);
  if (!node || (node.type !== 'approval' && node.type !== 'fill')) {
    // A resubmission at the start after a return: the submitter sends it on.
    const submit = node?.type === 'start';
    return {
      actions: submit ? ['submit'] : ['approve', 'reject'],
      kind: submit ? 'fill' : 'approval',
      editable: [],
      required: new Set(),
    };
  }
  const permissions = node.settings.fieldPermissions ?? {};
  const editable = form.layout.filter((key) => {
    const field = form.schema.properties[key];
    const permission = permissions[key];
    return (
      field !== undefined &&
      !isDerived(field) &&
      field['x-widget'] !== 'subform' &&
      (permission === 'editable' || permission === 'required')
    );
  });
  return {
    actions: node.type === 'fill' ? ['submit'] : ['approve', 'reject'],
    kind: node.type,
    editable,
    required: new Set(editable.filter((key) => permissions[key] === 'required')),
  };
}

/** Whether a field value counts as filled in (as the server's required check reads it). */
export function isFilled(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}
