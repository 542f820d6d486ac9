import type { DefinitionErrorDetail } from '@liuyun/client';

/** Publish-time errors sorted by what they concern, for drawing them where they belong. */
export interface ErrorIndex {
  /** Form errors by field key. */
  fields: Map<string, DefinitionErrorDetail[]>;
  /** Flow errors by node id (edge errors are also listed under their edge). */
  nodes: Map<string, DefinitionErrorDetail[]>;
  edges: Map<string, DefinitionErrorDetail[]>;
  /** Errors of the form that name no field. */
  form: DefinitionErrorDetail[];
  /** Errors of the flow that name no node or edge. */
  flow: DefinitionErrorDetail[];
  all: DefinitionErrorDetail[];
}

export const emptyErrorIndex = (): ErrorIndex => ({
  fields: new Map(),
  nodes: new Map(),
  edges: new Map(),
  form: [],
  flow: [],
  all: [],
});

function push<K>(map: Map<K, DefinitionErrorDetail[]>, key: K, error: DefinitionErrorDetail) {
  map.set(key, [...(map.get(key) ?? []), error]);
}

/** `/schema/properties/<key>…`, `/layout/…` with a field, or the `field` member. */
function fieldOf(error: DefinitionErrorDetail, path: string): string | undefined {
  if (error.field) return error.field.split('.')[0];
  const match = /^\/schema\/properties\/([^/]+)/.exec(path);
  return match?.[1];
}

/**
 * Sorts errors from a refused publish (paths into the form, or into the flow when the form
 * passed) or a draft's warnings (paths prefixed `/definition` or `/flow`).
 */
export function indexErrors(errors: readonly DefinitionErrorDetail[]): ErrorIndex {
  const index = emptyErrorIndex();
  for (const error of errors) {
    index.all.push(error);
    let path = error.path;
    let inFlow = error.nodeId !== undefined || error.edgeId !== undefined;
    if (path.startsWith('/flow')) {
      inFlow = true;
      path = path.slice('/flow'.length);
    } else if (path.startsWith('/definition')) {
      path = path.slice('/definition'.length);
    } else if (/^\/(nodes|edges)(\/|$)/.test(path)) inFlow = true;
    if (inFlow) {
      if (error.edgeId !== undefined) push(index.edges, error.edgeId, error);
      if (error.nodeId !== undefined && error.edgeId === undefined)
        push(index.nodes, error.nodeId, error);
      if (error.nodeId === undefined && error.edgeId === undefined) index.flow.push(error);
      continue;
    }
    const field = fieldOf(error, path);
    if (field !== undefined) push(index.fields, field, error);
    else index.form.push(error);
  }
  return index;
}
