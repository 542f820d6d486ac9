/** Every benchmark `pnpm bench` knows, in the order of QUALITY.md. */
import type { Benchmark } from './bench.types';
import { p1Rules } from './p1-rules.bench';
import { p2Form } from './p2-form.bench';
import { p3Runtime } from './p3-runtime.bench';
import { p4Durable } from './p4-durable.bench';
import { p5Http } from './p5-http.bench';
import { p6Scale } from './p6-scale.bench';
import { p7Embedded } from './p7-embedded.bench';
import { p8Designer } from './p8-designer.bench';
import { p9Queue } from './p9-queue.bench';

export const benchmarks: readonly Benchmark[] = [
  p1Rules,
  p2Form,
  p3Runtime,
  p4Durable,
  p5Http,
  p6Scale,
  p7Embedded,
  p8Designer,
  p9Queue,
];
