import { evaluate, isTruthy } from '@liuyun/logic';

/**
 * Row filters of permission sets (JSON Logic over the record and `$user`) compiled to ONE
 * parameterised SQL condition over `records r`, so lists, counts, exports and dashboards
 * filter in the database and keep keyset pagination.
 *
 * The SQL must keep exactly the rows the JSON Logic evaluator keeps. JSON Logic compares
 * loosely (JavaScript `==`, `<`), so each compiled comparison also says for which stored
 * JSON types of the record value it is exact (`exact`). Rows outside that (a number where
 * the filter compares with a numeric string, say) are rare; they are read with
 * `NOT exact` in the database and evaluated in JavaScript, and their ids join the
 * condition. A filter using an operator outside the compiled subset is evaluated in
 * JavaScript as a whole (`unsupported` names why; saving a set reports it).
 *
 * Compiled: `==`, `!=`, `===`, `!==`, `<`, `<=`, `>`, `>=` (two operands), `in`, `and`,
 * `or`, `!`, `!!`, literals, `var` of a top-level record field, of `$record.id` and
 * `$record.createdBy`, and of anything under `$user` (a constant per request).
 */
export interface CompiledRowFilter {
  /** Keeps the row (meaningful where `exact` holds). Placeholders `$P<n>` index `params`. */
  pred: string;
  /** Where `pred` decides exactly; null: everywhere. */
  exact: string | null;
  params: unknown[];
}

export type RowFilterCompilation =
  { ok: true; filter: CompiledRowFilter } | { ok: false; unsupported: string[] };

/** The value of a record field as jsonb, `null` when missing (as `var` reads it). */
type Operand = { kind: 'const'; value: unknown } | { kind: 'field'; sql: string };
interface Bool {
  pred: string;
  exact: string | null;
}

class Unsupported extends Error {}

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=']);
const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const isScalar = (v: unknown): boolean =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);
const and = (...parts: (string | null)[]): string | null => {
  const kept = parts.filter((p): p is string => p !== null);
  return kept.length === 0 ? null : kept.map((p) => `(${p})`).join(' AND ');
};
const TRUE: Bool = { pred: 'true', exact: null };
const FALSE: Bool = { pred: 'false', exact: null };

function single(node: unknown): [string, unknown[]] | null {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  const op = keys[0]!;
  const raw = (node as Record<string, unknown>)[op];
  return [op, Array.isArray(raw) ? raw : [raw]];
}

class Compiler {
  readonly params: unknown[] = [];

  constructor(private readonly user: Record<string, unknown>) {}

  private p(value: unknown): string {
    this.params.push(value);
    return `$P${this.params.length - 1}`;
  }

  private json(value: unknown): string {
    return `${this.p(JSON.stringify(value))}::jsonb`;
  }

  operand(node: unknown): Operand {
    const parsed = single(node);
    if (parsed === null) {
      if (Array.isArray(node)) {
        if (node.every((x) => single(x) === null)) return { kind: 'const', value: node };
        throw new Unsupported('an array holding rules');
      }
      if (typeof node === 'object' && node !== null) throw new Unsupported('an object literal');
      return { kind: 'const', value: node };
    }
    const [op, args] = parsed;
    if (op !== 'var') throw new Unsupported(`"${op}" as a value`);
    if (args.length !== 1) throw new Unsupported('"var" with a default');
    const path = args[0];
    if (typeof path !== 'string' && typeof path !== 'number')
      throw new Unsupported('"var" of a computed path');
    const name = String(path);
    if (name === '$user' || name.startsWith('$user.'))
      return { kind: 'const', value: evaluate({ var: name }, { $user: this.user }) };
    if (name === '$record.id') return { kind: 'field', sql: 'to_jsonb(r.id::text)' };
    if (name === '$record.createdBy') return { kind: 'field', sql: 'to_jsonb(r.created_by::text)' };
    if (name === '' || name.includes('.') || name.startsWith('$record') || name === '__proto__')
      throw new Unsupported(`"var" of "${name}"`);
    return { kind: 'field', sql: `COALESCE(r.data -> ${this.p(name)}::text, 'null'::jsonb)` };
  }

  /** JSON Logic truthiness of a jsonb value. */
  private truthy(v: string): string {
    return `(CASE jsonb_typeof(${v}) WHEN 'null' THEN false WHEN 'boolean' THEN ${v} = 'true'::jsonb
      WHEN 'number' THEN ${v} <> '0'::jsonb WHEN 'string' THEN ${v} <> '""'::jsonb
      WHEN 'array' THEN ${v} <> '[]'::jsonb ELSE true END)`;
  }

  bool(node: unknown): Bool {
    const parsed = single(node);
    if (parsed === null) {
      const o = this.operand(node);
      return o.kind === 'const'
        ? isTruthy(o.value)
          ? TRUE
          : FALSE
        : { pred: this.truthy(o.sql), exact: null };
    }
    const [op, args] = parsed;
    if (op === 'var') {
      const o = this.operand(node);
      if (o.kind === 'const') return isTruthy(o.value) ? TRUE : FALSE;
      return { pred: this.truthy(o.sql), exact: null };
    }
    if (op === 'and' || op === 'or') {
      if (args.length === 0) throw new Unsupported(`an empty "${op}"`);
      const parts = args.map((a) => this.bool(a));
      return {
        pred: parts.map((b) => `(${b.pred})`).join(op === 'and' ? ' AND ' : ' OR '),
        exact: and(...parts.map((b) => b.exact)),
      };
    }
    if (op === '!' || op === '!!') {
      const inner = this.bool(args[0] ?? null);
      return { pred: op === '!' ? `NOT (${inner.pred})` : inner.pred, exact: inner.exact };
    }
    if (COMPARISONS.has(op)) {
      if (args.length !== 2) throw new Unsupported(`"${op}" with ${args.length} operands`);
      return this.compare(op, this.operand(args[0]), this.operand(args[1]));
    }
    if (op === 'in') {
      if (args.length !== 2) throw new Unsupported(`"in" with ${args.length} operands`);
      return this.in(this.operand(args[0]), this.operand(args[1]));
    }
    throw new Unsupported(`"${op}"`);
  }

  private constant(node: unknown): Bool {
    return isTruthy(evaluate(node, {})) ? TRUE : FALSE;
  }

  private compare(op: string, a: Operand, b: Operand): Bool {
    if (a.kind === 'const' && b.kind === 'const')
      return this.constant({ [op]: [a.value, b.value] });
    if (a.kind === 'field' && b.kind === 'field') throw new Unsupported(`"${op}" of two fields`);
    const [field, value, o] =
      a.kind === 'field'
        ? [a.sql, (b as { value: unknown }).value, op]
        : [(b as { sql: string }).sql, (a as { value: unknown }).value, FLIPPED[op] ?? op];
    if (!isScalar(value)) throw new Unsupported(`"${op}" with an array or object`);
    const type = `jsonb_typeof(${field})`;
    if (o === '===' || o === '!==') {
      const eq = `${field} = ${this.json(value)}`;
      return { pred: o === '===' ? eq : `NOT (${eq})`, exact: null };
    }
    if (o === '==' || o === '!=') {
      const eq = this.looseEquals(field, type, value);
      return { pred: o === '==' ? eq.pred : `NOT (${eq.pred})`, exact: eq.exact };
    }
    return this.ordering(o, field, type, value);
  }

  /** `field == value` (JavaScript loose equality), exact where `exact` holds. */
  private looseEquals(field: string, type: string, value: unknown): Bool {
    // `x == null` holds for null and missing only (objects and arrays never).
    if (value === null) return { pred: `${type} = 'null'`, exact: null };
    if (typeof value === 'string' && Number.isNaN(Number(value))) {
      // A non-numeric string equals strings alike; numbers, booleans and null never.
      return {
        pred: `${field} = ${this.json(value)}`,
        exact: `${type} IN ('null', 'string', 'number', 'boolean')`,
      };
    }
    // Numeric strings, numbers, booleans: exact on values of the same JSON type (and null).
    const same =
      typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'boolean';
    return {
      pred:
        same === 'number'
          ? `${type} = 'number' AND (${field})::numeric = ${this.p(String(value))}::numeric`
          : `${field} = ${this.json(value)}`,
      exact: `${type} IN ('null', '${same}')`,
    };
  }

  /** `field < value` etc. (JavaScript ordering: null is 0, a string against a number is NaN). */
  private ordering(op: string, field: string, type: string, value: unknown): Bool {
    const sqlOp = op;
    if (typeof value === 'number' && Number.isFinite(value)) {
      const c = `${this.p(String(value))}::numeric`;
      const nullCase = ((): boolean => {
        switch (op) {
          case '<':
            return 0 < value;
          case '<=':
            return 0 <= value;
          case '>':
            return 0 > value;
          default:
            return 0 >= value;
        }
      })();
      return {
        pred: `CASE WHEN ${type} = 'number' THEN (${field})::numeric ${sqlOp} ${c} ELSE ${nullCase} END`,
        exact: `${type} IN ('null', 'number')`,
      };
    }
    // ASCII strings that are not numbers (dates, codes): code-unit order is byte order.
    // eslint-disable-next-line no-control-regex -- ASCII, where code-unit and byte order agree
    if (typeof value === 'string' && Number.isNaN(Number(value)) && /^[\x01-\x7f]*$/.test(value)) {
      return {
        pred: `${type} = 'string' AND (${field} #>> '{}') COLLATE "C" ${sqlOp} ${this.p(value)}::text COLLATE "C"`,
        // null against a non-numeric string is NaN: false, as the predicate says.
        exact: `${type} = 'null' OR (${type} = 'string' AND (${field} #>> '{}') ~ '^[\\x01-\\x7f]*$')`,
      };
    }
    throw new Unsupported(`"${op}" with ${JSON.stringify(value)}`);
  }

  private in(needle: Operand, haystack: Operand): Bool {
    if (needle.kind === 'const' && haystack.kind === 'const')
      return this.constant({ in: [needle.value, haystack.value] });
    if (needle.kind === 'field' && haystack.kind === 'const') {
      if (typeof haystack.value === 'string') throw new Unsupported('"in" of a field in a text');
      if (!Array.isArray(haystack.value)) return FALSE;
      // indexOf is ===: only scalars of the list can ever match a stored value.
      const scalars = (haystack.value as unknown[]).filter(isScalar);
      return {
        pred: `${needle.sql} IN (SELECT jsonb_array_elements(${this.json(scalars)}))`,
        exact: null,
      };
    }
    if (needle.kind === 'const' && haystack.kind === 'field') {
      if (!isScalar(needle.value)) throw new Unsupported('"in" of an array or object');
      const h = haystack.sql;
      const text =
        needle.value === null ? 'null' : String(needle.value as string | number | boolean);
      return {
        pred: `CASE jsonb_typeof(${h})
          WHEN 'string' THEN (${h} #>> '{}') <> '' AND strpos(${h} #>> '{}', ${this.p(text)}::text) > 0
          WHEN 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(${h}) e WHERE e = ${this.json(needle.value)})
          ELSE false END`,
        exact: null,
      };
    }
    throw new Unsupported('"in" of two fields');
  }
}

/** Compiles a row filter for the user whose `$user` context this is. */
export function compileRowFilter(
  filter: unknown,
  user: Record<string, unknown>,
): RowFilterCompilation {
  const c = new Compiler(user);
  try {
    const b = c.bool(filter);
    return { ok: true, filter: { ...b, params: c.params } };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, unsupported: [e.message] };
    throw e;
  }
}

/** What of a row filter is evaluated in JavaScript, not SQL (empty: all of it compiles). */
export function rowFilterFallbacks(filter: unknown): string[] {
  const probe = compileRowFilter(filter, {
    id: '00000000-0000-4000-8000-000000000000',
    username: 'probe',
    departmentId: null,
    departments: [],
    roles: [],
  });
  return probe.ok ? [] : probe.unsupported;
}

/** Renumbers `$P<n>` placeholders to `$<first + n>`. */
export function numberPlaceholders(sql: string, first: number): string {
  return sql.replace(/\$P(\d+)/g, (_, n: string) => `$${first + Number(n)}`);
}

/** `sql` with only the parameters it uses, numbered from `first` (Postgres refuses unused ones). */
export function bindUsed(
  sql: string,
  params: readonly unknown[],
  first: number,
): { sql: string; params: unknown[] } {
  const used: unknown[] = [];
  const at = new Map<number, number>();
  const text = sql.replace(/\$P(\d+)/g, (_, n: string) => {
    const i = Number(n);
    if (!at.has(i)) {
      at.set(i, first + used.length);
      used.push(params[i]);
    }
    return `$${at.get(i)}`;
  });
  return { sql: text, params: used };
}
