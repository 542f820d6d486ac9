/**
 * Builds the `visibility` and `required` records of an evaluation from the flags the
 * plan collected, in the order the fields were presented: the record's fields, then each
 * shown sub-form's rows. Each distinct shape (rows per sub-form) gets one generated
 * object literal, so the records are plain, fast objects built in one step; past a few
 * shapes or a large size they are built key by key.
 */
import { SAFE_FIELD_KEY } from './scope.codegen';

/** Turns the flags of one evaluation into a record keyed by field (and row field). */
type Builder = (flags: readonly boolean[]) => Record<string, boolean>;

/** At most this many generated builders per form (one per distinct number of rows). */
const MAX_SHAPES = 64;
/** Records with more keys than this are built key by key. */
const MAX_GENERATED_KEYS = 1000;

/** The keys of a sub-form's rows, by the sub-form's key and its row fields' keys. */
export interface SubFormKeys {
  key: string;
  rowKeys: readonly string[];
}

function keysOf(
  recordKeys: readonly string[],
  subForms: readonly SubFormKeys[],
  rows: readonly number[],
): string[] {
  const keys = [...recordKeys];
  subForms.forEach((sub, s) => {
    for (let index = 0; index < (rows[s] ?? 0); index++) {
      for (const rowKey of sub.rowKeys) keys.push(`${sub.key}.${index}.${rowKey}`);
    }
  });
  return keys;
}

function keyByKey(keys: readonly string[]): Builder {
  return (flags) => {
    const record: Record<string, boolean> = {};
    for (let i = 0; i < keys.length; i++) record[keys[i] as string] = flags[i] === true;
    return record;
  };
}

/**
 * An object literal over `keys`; every key is a field key or `<field>.<digits>.<field>`,
 * checked again here, and written as a JSON string literal.
 */
function generated(keys: readonly string[]): Builder {
  const entries = keys.map((key, i) => {
    if (!key.split('.').every((part, p) => (p === 1 ? /^\d+$/ : SAFE_FIELD_KEY).test(part))) {
      throw new Error(`not a record key: ${JSON.stringify(key)}`);
    }
    return `${JSON.stringify(key)}: v[${i}] === true`;
  });
  return new Function('v', `"use strict"; return { ${entries.join(', ')} };`) as Builder;
}

/** The builders of one form. */
export class ResultRecords {
  private readonly builders = new Map<string, Builder>();

  /** @throws Error when `generate` is asked for keys that are not field keys. */
  constructor(
    private readonly recordKeys: readonly string[],
    private readonly subForms: readonly SubFormKeys[],
    private readonly generate: boolean,
  ) {
    const keys = [...recordKeys, ...subForms.flatMap((sub) => [sub.key, ...sub.rowKeys])];
    if (generate && !keys.every((key) => SAFE_FIELD_KEY.test(key))) {
      throw new Error('record keys must be field keys to be generated');
    }
  }

  /** The record of `flags` for `rows` shown rows per sub-form. */
  build(rows: readonly number[], flags: readonly boolean[]): Record<string, boolean> {
    return this.builder(rows)(flags);
  }

  private builder(rows: readonly number[]): Builder {
    const shape = rows.length === 1 ? String(rows[0]) : rows.join(',');
    const known = this.builders.get(shape);
    if (known) return known;
    const keys = keysOf(this.recordKeys, this.subForms, rows);
    const useCode = this.generate && keys.length <= MAX_GENERATED_KEYS;
    const builder = useCode ? generated(keys) : keyByKey(keys);
    if (this.builders.size < MAX_SHAPES) this.builders.set(shape, builder);
    return builder;
  }
}
