/**
 * P5: HTTP end to end on the Postgres server — 8 clients each submitting a quote and
 * approving it over the API — against the engine's own `GET /api/health`, both driven
 * by autocannon in the same run.
 */
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { row, type Benchmark, type BenchRow } from './bench.types';
import { engineBuilt, quoteSubmission, startEngine, type RecordAnswer } from './engine-process';
import { median } from './harness';
import { createScratchDatabase } from './scratch-database';

const CLIENTS = 8;
const ROUND_SECONDS = 3;
const ROUNDS = 3;
const WHAT = 'HTTP submit + approve, 8 clients, vs GET /api/health';

function skipped(note: string): BenchRow[] {
  console.log(`[bench] P5 skipped: ${note}`);
  return [
    row({
      id: 'P5',
      what: WHAT,
      subject: { label: '', value: NaN, unit: 'requests/s' },
      baseline: null,
      ratio: NaN,
      goal: 0.25,
      goalKind: 'atLeast',
      skipped: true,
      note,
    }),
  ];
}

async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || body.token === undefined) throw new Error(`login ${username} failed`);
  return body.token;
}

/** The two requests of one quote: submit as rep1, then approve its open task as manager1. */
function quoteRequests(
  formId: string,
  repToken: string,
  managerToken: string,
): AutocannonRequest[] {
  let n = 0;
  return [
    {
      method: 'POST',
      path: `/api/forms/${formId}/records`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${repToken}` },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({ data: quoteSubmission((n += 1)) }),
      }),
      onResponse: (status, body, context) => {
        const answer = status === 201 ? (JSON.parse(body) as RecordAnswer) : null;
        context.taskId = answer?.tasks?.find((t) => t.status === 'open')?.id;
      },
    },
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${managerToken}` },
      body: JSON.stringify({ action: 'approve' }),
      // No open task (a failed submit): start over with the next quote.
      setupRequest: (request, context) =>
        typeof context.taskId === 'string'
          ? { ...request, path: `/api/tasks/${context.taskId}/actions` }
          : null,
    },
  ];
}

function check(result: AutocannonResult, what: string): void {
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(
      `P5: ${what} had ${result.errors} errors, ${result.non2xx} non-2xx answers, ${result.timeouts} timeouts`,
    );
  }
}

export const p5Http: Benchmark = {
  id: 'P5',
  title: 'HTTP submit + approve, 8 clients',
  method:
    'The engine started in-process from engine/dist on a scratch database of the Postgres ' +
    'server (demo organisation, CRM app, no job workers), listening on loopback. autocannon ' +
    'with 8 connections: Liuyun, each connection in turn POSTs a 15% quote as rep1 and ' +
    'approves its open task as manager1 (two requests, two commits); baseline, `GET ' +
    '/api/health` of the same process. 1 s warm-up each, then 3 interleaved rounds of 3 s; ' +
    'median requests/s, latency percentiles of the median round.',
  async run(): Promise<BenchRow[]> {
    if (!engineBuilt()) return skipped('engine/dist is not built (run the engine build first)');
    const scratch = await createScratchDatabase('p5');
    if ('skip' in scratch) return skipped(scratch.skip);
    const engine = await startEngine(scratch.url);
    try {
      const [repToken, managerToken, formId] = await Promise.all([
        login(engine.baseUrl, 'rep1'),
        login(engine.baseUrl, 'manager1'),
        engine.formId('quote'),
      ]);
      const requests = quoteRequests(formId, repToken, managerToken);
      const process = (duration: number): Promise<AutocannonResult> =>
        autocannon({ url: engine.baseUrl, connections: CLIENTS, duration, requests });
      const health = (duration: number): Promise<AutocannonResult> =>
        autocannon({ url: `${engine.baseUrl}/api/health`, connections: CLIENTS, duration });
      check(await process(1), 'the warm-up');
      await health(1);
      const ours: AutocannonResult[] = [];
      const base: AutocannonResult[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const p = await process(ROUND_SECONDS);
        check(p, 'submit + approve');
        ours.push(p);
        const h = await health(ROUND_SECONDS);
        check(h, 'health');
        base.push(h);
      }
      const rate = (r: AutocannonResult): number => r['2xx'] / r.duration;
      const middle = (list: AutocannonResult[]): AutocannonResult => {
        const m = median(list.map(rate));
        return list.find((r) => rate(r) === m) ?? (list[0] as AutocannonResult);
      };
      const oursMid = middle(ours);
      const baseMid = middle(base);
      return [
        row({
          id: 'P5',
          what: WHAT,
          subject: { label: 'submit + approve', value: rate(oursMid), unit: 'requests/s' },
          baseline: { label: 'GET /api/health', value: rate(baseMid), unit: 'requests/s' },
          ratio: rate(oursMid) / rate(baseMid),
          goal: 0.25,
          goalKind: 'atLeast',
          note:
            `latency p50/p99: submit + approve ${oursMid.latency.p50}/${oursMid.latency.p99} ms, ` +
            `health ${baseMid.latency.p50}/${baseMid.latency.p99} ms. The process path is ` +
            'bound by the same 14 round trips per quote as P4 (see its note), plus per request ' +
            'the HTTP layer: authentication (now one statement: the token check, the user and ' +
            'roles; the HS256 key made once instead of per request), the user grants and the ' +
            'policy checks (their own reads), body validation and the JSON of the full record ' +
            'view; health answers from memory.',
        }),
      ];
    } finally {
      await engine.stop();
      await scratch.drop();
    }
  },
};
