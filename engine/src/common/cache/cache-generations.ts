import type { EntityManager } from 'typeorm';

/** What engine processes cache, each with a generation bumped by triggers on its tables. */
export type CacheName = 'directory' | 'automations' | 'calendar';

export type Generations = Partial<Record<CacheName, number>>;

const KEY = 'liuyunCacheGenerations';

/**
 * A select-list expression reading every generation: hot statements carry it, so the
 * transaction learns the generations without a round trip of its own.
 */
export const GENERATIONS_SQL = '(SELECT json_object_agg(name, generation) FROM cache_generations)';

interface WithData {
  queryRunner?: { data?: Record<string, unknown> };
}

function parse(value: unknown): Generations {
  const raw = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const out: Generations = {};
  if (typeof raw === 'object' && raw !== null) {
    for (const [name, generation] of Object.entries(raw)) {
      out[name as CacheName] = Number(generation);
    }
  }
  return out;
}

/** Keeps generations a statement of this transaction returned (`GENERATIONS_SQL`). */
export function noteGenerations(m: EntityManager, value: unknown): void {
  const runner = (m as WithData).queryRunner;
  if (!runner) return;
  runner.data ??= {};
  runner.data[KEY] = parse(value);
}

/**
 * The generations as this transaction sees them: read once per transaction (or taken
 * from a statement that carried them), so every cache it consults is checked against
 * the same moment.
 */
export async function generationsOf(m: EntityManager): Promise<Generations> {
  const runner = (m as WithData).queryRunner;
  const known = runner?.data?.[KEY];
  if (known) return known as Generations;
  const rows: { generations: unknown }[] = await m.query(
    `SELECT ${GENERATIONS_SQL} AS generations`,
  );
  const generations = parse(rows[0]?.generations);
  if (runner) {
    runner.data ??= {};
    runner.data[KEY] = generations;
  }
  return generations;
}

/**
 * A per-process cache of values read from tables a generation covers: entries live until
 * the generation moves (any process changed those tables), then all go at once.
 */
export class GenerationCache<V> {
  private generation: number | undefined;
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly name: CacheName,
    private readonly capacity = 10_000,
  ) {}

  async get(m: EntityManager, key: string, load: () => Promise<V>): Promise<V> {
    const generation = (await generationsOf(m))[this.name];
    if (generation === undefined) return load();
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = await load();
    // Another transaction may have moved the generation meanwhile: keep only current ones.
    if (this.generation === generation) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }

  /** Drops everything (a change made in this process, before its commit is seen). */
  clear(): void {
    this.entries.clear();
    this.generation = undefined;
  }
}
