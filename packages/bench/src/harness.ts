/**
 * A small benchmarking harness. Machines here are shared and noisy, so contenders are
 * timed in interleaved rounds (A B C A B C …) and compared by the median of their rounds:
 * drift in machine load hits every contender alike and the ratio stays meaningful.
 */

/** One thing being timed. `run` performs one operation; it may return a promise. */
export interface Contender {
  label: string;
  run: () => unknown;
  /** Set when `run` returns a promise that must be awaited before the next operation. */
  async?: boolean;
}

export interface TimingOptions {
  /** Time spent warming each contender up before any round (lets the JIT settle). */
  warmupMs?: number;
  /** Target duration of one round of one contender. */
  roundMs?: number;
  /** Rounds per contender. */
  rounds?: number;
}

export interface Timing {
  label: string;
  /** Median operations per second over the rounds. */
  opsPerSec: number;
  /** Every round's operations per second, in order. */
  rounds: number[];
}

/** Results are kept here so the optimiser can never drop the measured work. */
let sink: unknown;

/** The last value seen by the harness (read by nothing; it only defeats dead-code elimination). */
export function lastSink(): unknown {
  return sink;
}

const NS_PER_SEC = 1e9;

/** Runs `iterations` operations and returns the elapsed nanoseconds. */
async function timeBatch(contender: Contender, iterations: number): Promise<number> {
  const { run } = contender;
  const start = process.hrtime.bigint();
  if (contender.async === true) {
    for (let i = 0; i < iterations; i++) sink = await run();
  } else {
    for (let i = 0; i < iterations; i++) sink = run();
  }
  return Number(process.hrtime.bigint() - start);
}

/** Warms a contender up for about `ms` and returns how many operations fill `roundMs`. */
async function calibrate(contender: Contender, warmupMs: number, roundMs: number): Promise<number> {
  let iterations = 1;
  let spent = 0;
  let rate = 0;
  while (spent < warmupMs * 1e6) {
    const ns = await timeBatch(contender, iterations);
    spent += ns;
    rate = (iterations * NS_PER_SEC) / Math.max(ns, 1);
    if (ns < 10e6) iterations *= 2;
  }
  return Math.max(1, Math.round((rate * roundMs) / 1000));
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? NaN) + upper) / 2;
}

/**
 * Times every contender in interleaved rounds and returns the median operations per
 * second of each, in the order given.
 */
export async function compare(
  contenders: readonly Contender[],
  options: TimingOptions = {},
): Promise<Timing[]> {
  const { warmupMs = 400, roundMs = 120, rounds = 9 } = options;
  const sizes: number[] = [];
  for (const contender of contenders) sizes.push(await calibrate(contender, warmupMs, roundMs));
  const perRound: number[][] = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let c = 0; c < contenders.length; c++) {
      const contender = contenders[c] as Contender;
      const iterations = sizes[c] as number;
      const ns = await timeBatch(contender, iterations);
      (perRound[c] as number[]).push((iterations * NS_PER_SEC) / Math.max(ns, 1));
    }
  }
  return contenders.map((contender, c) => ({
    label: contender.label,
    opsPerSec: median(perRound[c] as number[]),
    rounds: perRound[c] as number[],
  }));
}

/** Forces a full collection; needs `node --expose-gc`. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('heap figures need node --expose-gc');
  gc();
  gc();
}

/**
 * Heap bytes retained per item: `create` is called `count` times and everything it
 * returns is kept alive while the heap is measured after a full collection.
 */
export async function heapPerItem(
  count: number,
  create: (index: number) => unknown,
): Promise<number> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) kept[i] = await create(i);
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  sink = kept.length;
  // Keep `kept` reachable until after the measurement.
  if (kept.length !== count) throw new Error('lost items while measuring the heap');
  return (after - before) / count;
}
