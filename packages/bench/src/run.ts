/**
 * `pnpm bench [ids…]`: runs the benchmarks (all by default), prints the table and writes
 * packages/bench/results/latest.json, docs/performance.json and docs/performance.md.
 */
import { benchmarks } from './benchmarks';
import type { BenchRow } from './bench.types';
import { printTable, writeReports } from './report';

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2).map((id) => id.toUpperCase()));
  const selected = benchmarks.filter((b) => wanted.size === 0 || wanted.has(b.id));
  const rows: BenchRow[] = [];
  for (const benchmark of selected) {
    const started = Date.now();
    console.log(`[bench] ${benchmark.id} ${benchmark.title} …`);
    const result = await benchmark.run();
    console.log(`[bench] ${benchmark.id} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    rows.push(...result);
  }
  printTable(rows);
  const written = writeReports(rows, selected);
  for (const file of written) console.log(`[bench] wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
