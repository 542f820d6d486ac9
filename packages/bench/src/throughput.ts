/**
 * Throughput of concurrent workers, measured in interleaved rounds like the harness
 * (A B A B …): each round runs every worker of one contender for a fixed time and counts
 * the operations they completed; contenders are compared by the median of their rounds.
 */
import { median } from './harness';

/** One contender: `workers` loops calling `step` (one or more operations per call). */
export interface LoadContender {
  label: string;
  workers: number;
  /** Performs some work and returns how many operations it completed. */
  step(worker: number): Promise<number>;
}

export interface LoadTiming {
  label: string;
  opsPerSec: number;
  rounds: number[];
}

async function runRound(contender: LoadContender, ms: number): Promise<number> {
  const until = Date.now() + ms;
  const started = process.hrtime.bigint();
  let done = 0;
  const loops = Array.from({ length: contender.workers }, async (_, worker) => {
    while (Date.now() < until) done += await contender.step(worker);
  });
  await Promise.all(loops);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return done / seconds;
}

/** Warms each contender up, then times `rounds` interleaved rounds of `roundMs`. */
export async function compareLoad(
  contenders: readonly LoadContender[],
  options: { warmupMs: number; roundMs: number; rounds: number },
): Promise<LoadTiming[]> {
  for (const contender of contenders) await runRound(contender, options.warmupMs);
  const perRound: number[][] = contenders.map(() => []);
  for (let r = 0; r < options.rounds; r++) {
    for (let c = 0; c < contenders.length; c++) {
      perRound[c]?.push(await runRound(contenders[c] as LoadContender, options.roundMs));
    }
  }
  return contenders.map((contender, c) => ({
    label: contender.label,
    opsPerSec: median(perRound[c] ?? []),
    rounds: perRound[c] ?? [],
  }));
}
