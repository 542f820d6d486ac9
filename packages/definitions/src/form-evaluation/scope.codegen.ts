/**
 * Generates the code of one scope of a form (the record, or the rows of one sub-form):
 * how it is cleaned, computed, presented and copied without its hidden fields. Like the
 * rules of @liuyun/logic (ADR 0005) the code comes from fixed templates only: a field key
 * reaches the source as a `JSON.stringify` literal and only after matching
 * {@link SAFE_FIELD_KEY}; rules, fields, labels and scopes travel through the constants
 * array `k`; helpers arrive as the argument `h`. See docs/adr/0006-form-evaluation-plan.md.
 */
import type { CompiledField, CompiledScope } from './compiled-form';

/** The field keys generated code may name (the publish-time pattern of a field key). */
export const SAFE_FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Whether every field of a scope (and of its rows) can be named in generated code. */
export function scopeIsGeneratable(scope: CompiledScope): boolean {
  return scope.fields.every(
    (field) =>
      SAFE_FIELD_KEY.test(field.key) &&
      field.token === field.key &&
      // A computed sub-form yields rows of any shape: left to the closures.
      !(field.rows !== undefined && field.computed !== undefined) &&
      (field.rows === undefined || scopeIsGeneratable(field.rows)),
  );
}

/** The generated source of a scope and the constants it reads. */
export interface ScopeSource {
  source: string;
  constants: unknown[];
}

/** A string literal for generated code; only ever given keys that matched SAFE_FIELD_KEY. */
function literal(key: string): string {
  if (!SAFE_FIELD_KEY.test(key)) throw new Error(`not a field key: ${JSON.stringify(key)}`);
  return JSON.stringify(key);
}

/** `/key` as a string literal (a safe key needs no JSON Pointer escaping). */
function pointerLiteral(key: string): string {
  return JSON.stringify(`/${JSON.parse(literal(key)) as string}`);
}

class Constants {
  readonly values: unknown[] = [];
  private readonly indexes = new Map<unknown, number>();

  /** `k[i]` for a value, one slot per distinct value. */
  ref(value: unknown): string {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.values.push(value) - 1;
      this.indexes.set(value, index);
    }
    return `k[${index}]`;
  }
}

/** Own-property test of `key` on `o` whose value was read into `v` (see ADR 0005). */
function own(o: string, key: string): string {
  const k = literal(key);
  // An absent key costs an `in` (cached by V8); `hasOwn` runs only when the key is found.
  return `(v !== undefined ? v !== P[${k}] || H(${o}, ${k}) : ${k} in ${o} && H(${o}, ${k}))`;
}

function cleanField(field: CompiledField, k: Constants, rowCleaner: unknown): string {
  const key = literal(field.key);
  const at = `p + ${pointerLiteral(field.key)}`;
  const allowed = field.readonly ? ' && c.allowReadonly' : '';
  const store = field.computed ? '' : `if (v !== null${allowed}) d[${key}] = v;`;
  const scalar = `if (typeof v === "object" && v !== null) c.scan(v, ${at}, dp + 1); ${store}`;
  const body =
    field.rows === undefined
      ? scalar
      : `if (isArray(v)) { if (c.count(${at})${allowed}) d[${key}] = ${k.ref(rowCleaner)}(v, c, ${at}, dp + 1); } else { ${scalar} }`;
  return `v = i[${key}]; if ${own('i', field.key)} { n++; ${body} }`;
}

function computeField(field: CompiledField, k: Constants, isRow: boolean): string {
  const key = literal(field.key);
  const alsoRuleData = isRow ? ` rd[${key}] = v;` : '';
  return (
    `try { v = ${k.ref(field.computed)}(rd, c.o); } catch (e) { v = computeFailed(c, ${k.ref(field)}, p, e); } ` +
    `if (v !== null && (typeof v !== "number" || isFinite(v))) { w[${key}] = v;${alsoRuleData} }`
  );
}

function holds(
  target: string,
  rule: unknown,
  field: CompiledField,
  k: Constants,
  fallback: boolean,
): string {
  return (
    `try { ${target} = isTruthy(${k.ref(rule)}(rd, c.o)); } ` +
    `catch (e) { ${target} = ruleFailed(c, ${k.ref(field)}, p, e, ${fallback ? 'true' : 'false'}); }`
  );
}

function presentField(field: CompiledField, k: Constants): string {
  const visible = field.visible ? holds('x', field.visible, field, k, true) : 'x = true;';
  const required = field.staticRequired
    ? 'y = true;'
    : field.requiredWhen
      ? holds('y', field.requiredWhen, field, k, false)
      : 'y = false;';
  return (
    `${visible} vis.push(x); if (x) { ${required} req.push(y); ` +
    `if (y && isBlank(w[${literal(field.key)}])) requiredMissing(c, ${k.ref(field)}, p); } else req.push(false);`
  );
}

function copyFunction(scope: CompiledScope): string {
  const index = new Map(scope.fields.map((field, i) => [field, i]));
  const ruled = scope.fields.flatMap((field, i) => (field.visible ? [`vis[o + ${i}]`] : []));
  if (ruled.length === 0) return 'function copy(w, vis, o) { return w; }';
  // The key order of the working object: cleaned fields in field order, then computed ones.
  const order = [...scope.fields.filter((f) => !f.computed), ...scope.computedOrder];
  const copies = order.map((field) => {
    const key = literal(field.key);
    const shown = field.visible ? `vis[o + ${index.get(field) ?? -1}] && ` : '';
    return `v = w[${key}]; if (${shown}${own('w', field.key)}) d[${key}] = v;`;
  });
  return `function copy(w, vis, o) { if (${ruled.join(' && ')}) return w; var d = {}, v; ${copies.join(' ')} return d; }`;
}

/** The rule data of a row before its computed fields: its cleaned fields, then `$record`. */
function ruleDataFunction(scope: CompiledScope): string {
  const copies = scope.fields
    .filter((f) => !f.computed)
    .map((field) => {
      const key = literal(field.key);
      return `v = w[${key}]; if (${own('w', field.key)}) d[${key}] = v;`;
    });
  return `function ruleData(w, r) { var d = {}, v; ${copies.join(' ')} d["$record"] = r; return d; }`;
}

/**
 * The source of `{ clean, compute, present, copy, ruleData }` for a scope, to run as
 * `new Function('h', 'k', source)(helpers, constants)`. `rowCleaners` gives, for each
 * sub-form field of the scope, the function that cleans its rows.
 */
export function generateScope(
  scope: CompiledScope,
  isRow: boolean,
  rowCleaners: ReadonlyMap<CompiledField, unknown>,
): ScopeSource {
  if (!scopeIsGeneratable(scope)) throw new Error('this scope cannot be generated');
  const k = new Constants();
  const clean = scope.fields.map((field) => cleanField(field, k, rowCleaners.get(field)));
  const compute = scope.computedOrder.map((field) => computeField(field, k, isRow));
  const present = scope.fields.map((field) => presentField(field, k));
  const source = [
    '"use strict";',
    'var H = h.hasOwn, P = h.objectPrototype, isArray = h.isArray, isFinite = h.isFinite,',
    '  isTruthy = h.isTruthy, isBlank = h.isBlank, keyCount = h.keyCount,',
    '  computeFailed = h.computeFailed, ruleFailed = h.ruleFailed, requiredMissing = h.requiredMissing;',
    `function clean(i, c, p, dp) { var d = {}, n = 0, v; ${clean.join(' ')}`,
    `  if (n !== keyCount(i)) c.reportUnknownKeys(i, ${k.ref(scope)}, p); return d; }`,
    `function compute(w, rd, c, p) { var v; ${compute.join(' ')} }`,
    `function present(w, rd, c, p, vis, req) { var x, y; ${present.join(' ')} }`,
    copyFunction(scope),
    ruleDataFunction(scope),
    'return { clean: clean, compute: compute, present: present, copy: copy, ruleData: ruleData };',
  ].join('\n');
  return { source, constants: k.values };
}
