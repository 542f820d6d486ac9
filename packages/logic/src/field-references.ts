/** The data paths a rule node names literally: `var` paths and `missing`/`missing_some` keys. */
import type { OperatorVisit } from './rule-walk';

/** A literal data path in a rule, and where it is written. */
export interface FieldReference {
  readonly name: string;
  readonly path: string;
}

function literalName(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  return typeof value === 'number' ? String(value) : null;
}

function fromList(list: readonly unknown[], path: (index: number) => string): FieldReference[] {
  const references: FieldReference[] = [];
  list.forEach((item, index) => {
    const name = literalName(item);
    if (name !== null) references.push({ name, path: path(index) });
  });
  return references;
}

/** Literal paths named by this operator node (paths computed by rules are not knowable statically). */
export function referencesOf(visit: OperatorVisit): FieldReference[] {
  const { op, args, argPath } = visit;
  if (op === 'var') {
    const name = literalName(args[0]);
    return name === null ? [] : [{ name, path: argPath(0) }];
  }
  if (op === 'missing') {
    const [first] = args;
    if (Array.isArray(first)) return fromList(first, (i) => `${argPath(0)}/${i}`);
    return fromList(args, argPath);
  }
  if (op === 'missing_some') {
    const keys = args[1];
    return Array.isArray(keys) ? fromList(keys, (i) => `${argPath(1)}/${i}`) : [];
  }
  return [];
}
