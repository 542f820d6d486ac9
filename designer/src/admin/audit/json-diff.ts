/** One changed leaf between two JSON values: its path and both sides as JSON text. */
export interface DiffRow {
  path: string;
  before: string | null;
  after: string | null;
}

const MAX_LEAVES = 2000;

/** Every leaf of a JSON value by path (`/roles/0`), its value as JSON text. */
function leaves(value: unknown, path: string, out: Map<string, string>, depth: number): void {
  if (out.size >= MAX_LEAVES) return;
  const isObject = typeof value === 'object' && value !== null;
  const empty = isObject && Object.keys(value).length === 0;
  if (!isObject || empty || depth > 20) {
    out.set(path || '/', JSON.stringify(value) ?? 'null');
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>))
    leaves(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out, depth + 1);
}

/**
 * What changed from `before` to `after`, leaf by leaf (added, removed or different),
 * in the order the paths first appear. Texts only: the caller shows them as text.
 */
export function jsonDiff(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before !== null && before !== undefined) leaves(before, '', a, 0);
  if (after !== null && after !== undefined) leaves(after, '', b, 0);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((path) => ({ path, before: a.get(path) ?? null, after: b.get(path) ?? null }));
}

/** A JSON value as indented text (null as `—` is the caller's choice). */
export const prettyJson = (value: unknown): string => JSON.stringify(value, null, 2) ?? 'null';
