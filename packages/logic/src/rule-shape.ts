/** How json-logic-js tells rules from literals, and how rule nodes are addressed. */

/** A rule node: a non-null, non-array object with exactly one key (json-logic-js `is_logic`). */
export function isLogicNode(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let keys = 0;
  for (const key in value) {
    if (Object.hasOwn(value, key) && ++keys > 1) return false;
  }
  return keys === 1;
}

/** The operator name of a rule node. */
export function operatorOf(node: Record<string, unknown>): string {
  return Object.keys(node)[0] as string;
}

/** The arguments of a rule node: `{"var":"x"}` is shorthand for `{"var":["x"]}`. */
export function argumentsOf(node: Record<string, unknown>, op: string): readonly unknown[] {
  const values = node[op];
  return Array.isArray(values) ? values : [values];
}

/** Escapes one JSON Pointer segment (RFC 6901). */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON Pointer of argument `index` of the node at `path` (no index for the unary shorthand). */
export function argumentPath(
  path: string,
  node: Record<string, unknown>,
  op: string,
  index: number,
): string {
  const base = `${path}/${escapePointer(op)}`;
  return Array.isArray(node[op]) ? `${base}/${index}` : base;
}
