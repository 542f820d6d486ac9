import {
  isServerSetWidget,
  type FieldSchema,
  type FormDefinition,
  type JsonObject,
  type JsonValue,
} from '@liuyun/definitions';

/** A seeded PRNG (mulberry32): every run generates the same cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One fuzzed request: a JSON text (possibly broken) and what was done to the data. */
export interface FuzzCase {
  body: string;
  mutations: string[];
}

type Data = Record<string, unknown>;

/**
 * Fields a submitter's value counts for: not computed, not read-only, not conditionally
 * shown, not set by the server (serial numbers) and not display-only (tabs, related lists).
 */
function editable(form: FormDefinition): [string, FieldSchema][] {
  return Object.entries(form.schema.properties).filter(
    ([, f]) =>
      f['x-computed'] === undefined &&
      !f['x-readonly'] &&
      f['x-visible'] === undefined &&
      !isServerSetWidget(f),
  );
}

/** A marker replaced by `levels` of nested lists and objects in the JSON text (no deep JS value). */
function deep(levels: number): string {
  return `@@DEEP:${levels}@@`;
}

function expandDeep(text: string): string {
  return text.replace(/"@@DEEP:(\d+)@@"/g, (_m, n: string) => {
    const levels = Number(n);
    let open = '';
    let close = '';
    for (let i = 0; i < levels; i += 1) {
      open += i % 2 === 0 ? '[' : '{"a":';
      close = (i % 2 === 0 ? ']' : '}') + close;
    }
    return `${open}"leaf"${close}`;
  });
}

/** A value of another JSON type than the field takes. */
function wrongTypeFor(field: FieldSchema, pick: <T>(xs: T[]) => T): unknown {
  const byType: Record<string, unknown[]> = {
    string: [42, true, { a: 1 }, ['x'], -1.5],
    number: ['12', true, { n: 1 }, [1], '1e3', ''],
    integer: ['3', 2.5, false, [3], { i: 3 }],
    boolean: ['true', 1, [true]],
    array: ['rows', 3, { 0: {} }, true],
    object: ['x', 1, [1]],
  };
  return pick(byType[field.type] ?? ['x']);
}

/** Generates submissions that are each invalid by construction, from a valid one. */
export class SubmissionFuzzer {
  private readonly pick = <T>(xs: T[]): T => xs[Math.floor(this.random() * xs.length)]!;

  constructor(
    private readonly form: FormDefinition,
    private readonly valid: JsonObject,
    private readonly random: () => number,
  ) {}

  private stringFields(): [string, FieldSchema][] {
    return editable(this.form).filter(([k, f]) => f.type === 'string' && k in this.valid);
  }

  private unknownField(data: Data): string {
    const key = this.pick(['hacker', 'id', 'createdBy', 'version', 'x'.repeat(30), '$record']);
    data[key] = this.pick([true, 'x', 1, null]);
    return `unknown field ${key}`;
  }

  /** Mutations of `data` that make it invalid; each returns its name. */
  private readonly mutators: ((data: Data) => string)[] = [
    (data) => {
      const [key, field] = this.pick(editable(this.form));
      data[key] = wrongTypeFor(field, this.pick);
      return `wrong type in ${key}`;
    },
    (data) => {
      const required = (this.form.schema.required ?? []).filter(
        (k) => this.form.schema.properties[k]?.default === undefined,
      );
      if (required.length === 0) return this.unknownField(data);
      const key = this.pick(required);
      if (this.random() < 0.5) delete data[key];
      else data[key] = null;
      return `missing ${key}`;
    },
    (data) => {
      const withMax = editable(this.form).filter(
        ([, f]) => f.type === 'string' && f.maxLength !== undefined,
      );
      if (withMax.length === 0) return this.unknownField(data);
      const [key, field] = this.pick(withMax);
      const length =
        this.random() < 0.2 ? 150_000 : field.maxLength! + 1 + Math.floor(this.random() * 500);
      data[key] = this.pick(['x', '流', 'ａ', ' ']).repeat(length);
      return `huge string in ${key}`;
    },
    (data) => {
      const [key] = this.pick(editable(this.form));
      data[key] = deep(this.pick([8, 40, 70, 500, 5000]));
      return `deep nesting in ${key}`;
    },
    (data) => {
      if (this.stringFields().length === 0) return this.unknownField(data);
      const [key] = this.pick(this.stringFields());
      data[key] = `${String(data[key] ?? 'a')}\u0000tail`;
      return `NUL in ${key}`;
    },
    (data) => {
      if (this.stringFields().length === 0) return this.unknownField(data);
      const [key] = this.pick(this.stringFields());
      const lone = this.pick(['\ud800', '\udfff', 'a\udc00b', '\ud83d']);
      // Followed by a plain letter, so a second insertion can never complete a pair.
      data[key] = `${String(data[key] ?? 'a')}${lone}x`;
      return `lone surrogate in ${key}`;
    },
    (data) => {
      const key = this.pick(['__proto__', 'constructor', 'prototype']);
      const payload = this.pick(['{"isAdmin":true}', '{"polluted":1}', '"x"', '[1]']);
      const value: unknown = JSON.parse(payload);
      // An own property named __proto__ (Object.assign would set the prototype instead).
      const own = (target: object) =>
        Object.defineProperty(target, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      const rows = Object.values(data).find(
        (v): v is unknown[] => Array.isArray(v) && v.length > 0,
      );
      const first = rows?.[0];
      if (first && typeof first === 'object' && this.random() < 0.5) own(first);
      else own(data);
      return `${key} key`;
    },
    (data) => this.unknownField(data),
    (data) => {
      const numbers = editable(this.form).filter(
        ([, f]) =>
          (f.type === 'number' || f.type === 'integer') &&
          (f.minimum !== undefined || f.maximum !== undefined),
      );
      if (numbers.length === 0) return this.unknownField(data);
      const [key, field] = this.pick(numbers);
      data[key] =
        field.maximum !== undefined && this.random() < 0.5
          ? field.maximum + this.pick([0.5, 1, 1e300])
          : (field.minimum ?? 0) - this.pick([0.001, 1, 1e300]);
      return `out of range ${key}`;
    },
    (data) => {
      const subforms = editable(this.form).filter(([, f]) => f['x-widget'] === 'subform');
      const dates = editable(this.form).filter(([, f]) => f.format === 'date');
      if (subforms.length > 0 && (dates.length === 0 || this.random() < 0.5)) {
        const [key, field] = this.pick(subforms);
        const rows = Array.isArray(data[key]) ? (data[key] as Data[]) : [];
        const row = rows[0] ?? {};
        const choice = this.pick(['empty', 'scalar row', 'too many', 'bad cell']);
        if (choice === 'empty' && (field.minItems ?? 0) > 0) data[key] = [];
        else if (choice === 'too many')
          data[key] = Array.from({ length: (field.maxItems ?? 200) + 1 }, () => row);
        else if (choice === 'scalar row') data[key] = [...rows, this.pick(['row', 7, null, []])];
        else {
          const cells = Object.entries(field.items?.properties ?? {}).filter(
            ([, f]) => f['x-computed'] === undefined,
          );
          if (cells.length === 0) return this.unknownField(data);
          const [cell, cellField] = this.pick(cells);
          data[key] = [{ ...row, [cell]: wrongTypeFor(cellField, this.pick) }, ...rows.slice(1)];
        }
        return `broken rows in ${key}`;
      }
      if (dates.length === 0) return this.unknownField(data);
      const [key] = this.pick(dates);
      data[key] = this.pick(['2024-02-30', 'tomorrow', '2024-13-01', '20240101', '2024-1-1']);
      return `bad date in ${key}`;
    },
  ];

  /** The next case: 1 to 3 mutations of the data, or a body that is wrong as a whole. */
  next(): FuzzCase {
    const roll = this.random();
    if (roll < 0.06) {
      const body = this.pick([
        '[1,2]',
        '"data"',
        'null',
        '42',
        '{}',
        '{"data":[]}',
        '{"data":"x"}',
        '{"data":null}',
      ]);
      return { body, mutations: ['wrong body shape'] };
    }
    if (roll < 0.09) {
      const text = JSON.stringify({ data: this.valid });
      const cut = Math.floor(this.random() * (text.length - 1)) + 1;
      return { body: text.slice(0, cut), mutations: ['broken JSON'] };
    }
    const data = structuredClone(this.valid) as Data;
    const mutations: string[] = [];
    const count = 1 + Math.floor(this.random() * 3);
    for (let i = 0; i < count; i += 1) mutations.push(this.pick(this.mutators)(data));
    const wrapped: Data = { data };
    if (this.random() < 0.05) wrapped.extra = true;
    return { body: expandDeep(JSON.stringify(wrapped)), mutations };
  }
}

export type { JsonValue };
