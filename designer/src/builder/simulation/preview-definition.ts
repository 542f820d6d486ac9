import type { FieldPermission, FlowNode, FormDefinition } from '@liuyun/definitions';

/** What the holder of a task at a node sees of the form: what they read, what they change. */
export interface NodeView {
  /** Field keys shown read-only, in layout order. */
  readOnly: string[];
  /** Field keys they may change, in layout order. */
  editable: string[];
  /** The whole form with the node's required fields marked required (what the rules run on). */
  form: FormDefinition;
}

function permissionsOf(node: FlowNode | undefined): Record<string, FieldPermission> | null {
  if (!node) return null;
  if (node.type === 'approval' || node.type === 'fill' || node.type === 'cc') {
    return node.settings.fieldPermissions ?? {};
  }
  return null;
}

/**
 * The form as the node's field permissions make it (as the engine applies them to the task
 * holder): hidden fields gone, unlisted fields read-only, required ones required. At the
 * start (or a node that hands out no task) the form is the submitter's, whole.
 */
export function viewAtNode(form: FormDefinition, node: FlowNode | undefined): NodeView {
  const permissions = permissionsOf(node);
  if (permissions === null) return { readOnly: [], editable: form.layout, form };
  const readOnly: string[] = [];
  const editable: string[] = [];
  const required = new Set<string>();
  for (const key of form.layout) {
    const p = permissions[key] ?? 'readonly';
    if (p === 'hidden') continue;
    if (p === 'readonly' || node?.type === 'cc') readOnly.push(key);
    else {
      editable.push(key);
      if (p === 'required') required.add(key);
    }
  }
  for (const key of form.schema.required ?? []) if (editable.includes(key)) required.add(key);
  return {
    readOnly,
    editable,
    form: { ...form, schema: { ...form.schema, required: [...required] } },
  };
}
