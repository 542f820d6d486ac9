import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { FormDefinition, JsonObject } from '@liuyun/definitions';
import { SubmissionFuzzer, seededRandom, type FuzzCase } from './support/submission-fuzzer';
import { countRows } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * S1: 10,000 fuzzed submissions against the template forms — wrong types, missing
 * fields, huge strings, deep nesting, NUL, lone surrogates, `__proto__` keys, broken
 * bodies. Every answer must be a 4xx in the one envelope; nothing may be stored.
 */
const TOTAL = Number(process.env.S1_TOTAL ?? 10_000);
const CONCURRENCY = 16;

interface Sample {
  form: string;
  data: JsonObject;
}

const samplesDir = join(__dirname, '..', '..', 'templates', 'crm', 'samples');

function firstSamples(): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const file of readdirSync(samplesDir).filter((f) => f.endsWith('.samples.json'))) {
    const samples = JSON.parse(readFileSync(join(samplesDir, file), 'utf8')) as Sample[];
    for (const s of samples) if (!out.has(s.form)) out.set(s.form, s.data);
  }
  return out;
}

let app: TestApp;
let rep1: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  rep1 = await app.login('rep1');
});

afterAll(async () => {
  agent.destroy();
  await app.close();
});

interface Outcome {
  status: number;
  envelopeOk: boolean;
  code: string;
}

// A plain keep-alive HTTP client: far lighter per request than fetch, so the run stays fast.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(path: string, body: string): Promise<{ status: number; text: string }> {
  const url = new URL(`${app.baseUrl}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${rep1}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function send(path: string, c: FuzzCase): Promise<Outcome> {
  let res: { status: number; text: string };
  try {
    res = await post(path, c.body);
  } catch {
    // A kept-alive socket the server closed just then: a transport race, not an answer.
    try {
      res = await post(path, c.body);
    } catch (e) {
      return { status: -1, envelopeOk: false, code: String(e) };
    }
  }
  let envelopeOk = false;
  let code = '';
  try {
    const body = JSON.parse(res.text) as {
      error?: { status?: unknown; code?: unknown; message?: unknown };
    };
    envelopeOk =
      body.error !== undefined &&
      body.error.status === res.status &&
      typeof body.error.code === 'string' &&
      typeof body.error.message === 'string';
    code = typeof body.error?.code === 'string' ? body.error.code : '';
  } catch {
    envelopeOk = false;
  }
  return { status: res.status, envelopeOk, code };
}

it('answers 10,000 fuzzed submissions with 4xx envelopes and stores nothing', async () => {
  const apps = await app.request<{ key: string; forms: { id: string; key: string }[] }[]>(
    'GET',
    '/api/apps',
    { token: rep1 },
  );
  const crm = apps.body.find((a) => a.key === 'crm');
  const samples = firstSamples();
  const targets: { path: string; fuzzer: SubmissionFuzzer }[] = [];
  for (const f of crm?.forms ?? []) {
    const valid = samples.get(f.key);
    if (!valid) continue;
    const form = await app.request<{ definition: FormDefinition }>('GET', `/api/forms/${f.id}`, {
      token: rep1,
    });
    const path = `/api/forms/${f.id}/records`;
    // The base is valid: the same data goes in untouched.
    const base = await app.request('POST', path, { token: rep1, body: { data: valid } });
    expect(base.status).toBe(201);
    targets.push({
      path,
      fuzzer: new SubmissionFuzzer(form.body.definition, valid, seededRandom(targets.length + 7)),
    });
  }
  expect(targets.length).toBeGreaterThanOrEqual(2);

  const tables = ['records', 'process_instances', 'tasks', 'audit_log', 'record_events'] as const;
  const before = await Promise.all(tables.map((t) => countRows(app, t)));
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  const failures: { status: number; mutations: string[] }[] = [];
  let sent = 0;
  while (sent < TOTAL) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, TOTAL - sent) }, (_, i) => {
      const target = targets[(sent + i) % targets.length]!;
      const c = target.fuzzer.next();
      return send(target.path, c).then((o) => ({ o, c }));
    });
    for (const { o, c } of await Promise.all(batch)) {
      statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      codes.set(o.code, (codes.get(o.code) ?? 0) + 1);
      if (o.status < 400 || o.status >= 500 || !o.envelopeOk)
        failures.push({ status: o.status, mutations: c.mutations });
    }
    sent += batch.length;
  }
  const after = await Promise.all(tables.map((t) => countRows(app, t)));
  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.log(
    `S1 fuzz: ${sent} requests, ${serverErrors} answers 5xx, ${after[0]! - before[0]!} rows stored; statuses ${JSON.stringify(Object.fromEntries(statuses))}; codes ${JSON.stringify(Object.fromEntries(codes))}`,
  );
  expect(failures.slice(0, 10)).toEqual([]);
  expect(serverErrors).toBe(0);
  expect(after).toEqual(before);
}, 300_000);
