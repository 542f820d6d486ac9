import type { FlowDefinition, JsonObject, JsonValue } from '@liuyun/definitions';

/**
 * The fields a task holder may not read: hidden at every node where they hold (or held)
 * a task. A field visible at any of their nodes stays visible; people without tasks on
 * the record (submitter, admins, managers up the tree) are not limited by node settings.
 */
export function hiddenFieldsAt(flow: FlowDefinition, nodeIds: string[]): Set<string> {
  const perNode: string[][] = [...new Set(nodeIds)].map((id) => {
    const node = flow.nodes.find((n) => n.id === id);
    const perms: Record<string, string> =
      node && (node.type === 'approval' || node.type === 'fill' || node.type === 'cc')
        ? (node.settings.fieldPermissions ?? {})
        : {};
    return Object.entries(perms)
      .filter(([, p]) => p === 'hidden')
      .map(([f]) => f);
  });
  const [first, ...rest] = perNode;
  if (!first) return new Set();
  return new Set(first.filter((f) => rest.every((fields) => fields.includes(f))));
}

export function withoutFields(data: JsonObject, hidden: Set<string>): JsonObject {
  if (hidden.size === 0) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => !hidden.has(k)));
}

/** Timeline details name field values too (patches, edits): drop the hidden ones. */
export function detailsWithoutFields(details: JsonObject, hidden: Set<string>): JsonObject {
  if (hidden.size === 0) return details;
  const out: JsonObject = { ...details };
  const patch = details.patch;
  if (patch && typeof patch === 'object' && !Array.isArray(patch))
    out.patch = withoutFields(patch, hidden);
  const changes = details.changes;
  if (Array.isArray(changes)) {
    out.changes = changes.filter(
      (c: JsonValue) =>
        !(
          c &&
          typeof c === 'object' &&
          !Array.isArray(c) &&
          typeof c.field === 'string' &&
          hidden.has(c.field)
        ),
    );
  }
  return out;
}
