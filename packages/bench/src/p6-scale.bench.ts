/**
 * P6: scale — a form's record list (filter + sort + page) and a user's inbox, over HTTP,
 * at 10k, 100k and 1M records of one form on the Postgres server; each compared with
 * itself at 10k. Records, process instances and tasks are bulk-loaded with
 * generate_series, so the run takes minutes, not hours.
 */
import { Client } from 'pg';
import { row, type Benchmark, type BenchRow } from './bench.types';
import { engineBuilt, startEngine } from './engine-process';
import { median } from './harness';
import { createScratchDatabase } from './scratch-database';

const SIZES = [10_000, 100_000, 1_000_000];
const WARMUP = 5;
const SAMPLES = 40;
/** One record in TASK_EVERY carries a process and a task (a quarter of the records). */
const TASK_EVERY = 4;
const WHAT_LIST = 'record list: filter + sort + page of 20';
const WHAT_INBOX = 'inbox: open tasks of a manager, page of 20';

function skipped(note: string): BenchRow[] {
  console.log(`[bench] P6 skipped: ${note}`);
  return [WHAT_LIST, WHAT_INBOX].map((what) =>
    row({
      id: 'P6',
      what,
      subject: { label: '', value: NaN, unit: 'ms' },
      baseline: null,
      ratio: NaN,
      goal: 2,
      goalKind: 'atMost',
      skipped: true,
      note,
    }),
  );
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

/** Adds records `from`..`to` of the quote form, with processes and tasks (see the method). */
async function load(
  db: Client,
  formId: string,
  from: number,
  to: number,
  base: Date,
): Promise<void> {
  const users: { id: string; username: string }[] = (
    await db.query(
      `SELECT id, username FROM users WHERE username IN ('rep1','rep2','manager1','director1') ORDER BY username`,
    )
  ).rows;
  const ids = users.map((u) => u.id);
  const manager = users.find((u) => u.username === 'manager1')!.id;
  // One statement per step: records, then a process and a task for every TASK_EVERY-th
  // record (1 in 50 of those open for manager1). Foreign keys are checked at its end.
  await db.query(
    `WITH g AS (
       SELECT g, gen_random_uuid() AS rid, gen_random_uuid() AS iid,
              ($2::uuid[])[1 + g % $3] AS submitter, $6::timestamptz - g * interval '1 second' AS at
         FROM generate_series($4::int, $5::int) AS g
     ), rec AS (
       INSERT INTO records (id, form_id, form_version, data, version, created_by, created_at, updated_at)
       SELECT rid, $1, 1,
              jsonb_build_object(
                'customer_name', 'Bench customer ' || g || ' ' || (ARRAY['北京','上海','杭州','深圳'])[1 + g % 4] || '科技',
                'items', jsonb_build_array(jsonb_build_object('product', 'CRM Pro', 'quantity', 1 + g % 50,
                         'unit_price', 100, 'discount_pct', 0, 'subtotal', (1 + g % 50) * 100)),
                'discount_pct', g % 30,
                'total', round(((1 + g % 50) * 100 * (1 - (g % 30) / 100.0))::numeric, 2),
                'status', (ARRAY['pending','approved','rejected'])[1 + g % 3]),
              1, submitter, at, at
         FROM g
     ), inst AS (
       INSERT INTO process_instances (id, record_id, form_id, form_version, state, status, started_by, created_at, updated_at)
       SELECT iid, rid, $1, 1, '{"path":[],"tokens":[]}'::jsonb,
              CASE WHEN g % ($8 * 50) = 0 THEN 'running' ELSE 'completed' END, submitter, at, at
         FROM g WHERE g % $8 = 0
     )
     INSERT INTO tasks (id, instance_id, record_id, form_id, task_key, kind, node_id, node_name, assignee_id, status, created_at, completed_at)
     SELECT gen_random_uuid(), iid, rid, $1, 'manager_review:1', 'approval', 'manager_review',
            '{"zh":"销售经理审批","en":"Sales manager"}'::jsonb,
            CASE WHEN g % ($8 * 50) = 0 THEN $7::uuid ELSE submitter END,
            CASE WHEN g % ($8 * 50) = 0 THEN 'open' ELSE 'completed' END, at,
            CASE WHEN g % ($8 * 50) = 0 THEN NULL ELSE at END
       FROM g WHERE g % $8 = 0`,
    [formId, ids, ids.length, from, to, base.toISOString(), manager, TASK_EVERY],
  );
  await db.query('ANALYZE records');
  await db.query('ANALYZE process_instances');
  await db.query('ANALYZE tasks');
}

async function latency(url: string, token: string): Promise<number> {
  const get = async () => {
    const started = process.hrtime.bigint();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200 || !Array.isArray(body.items) || body.items.length === 0)
      throw new Error(`P6: ${url} answered ${res.status} with ${body.items?.length ?? 0} items`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (let i = 0; i < WARMUP; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await get());
  return median(samples);
}

export const p6Scale: Benchmark = {
  id: 'P6',
  title: 'record list and inbox at 10k / 100k / 1M records',
  method:
    'The engine in-process from engine/dist on a scratch database of the Postgres server. ' +
    'The quote form is bulk-loaded with generate_series to 10k, then 100k, then 1M records ' +
    '(every 4th with a process and a task; 1 in 50 of those open for manager1), ANALYZEd after ' +
    'each step. At each size: median latency over 40 sequential HTTP requests (after 5 warm-ups) ' +
    'of GET /api/forms/{quote}/records?filter=[status = pending, discount_pct >= 10]' +
    '&sort=total:desc&limit=20 as rep1 (row visibility applies), and GET /api/tasks?view=todo ' +
    'as manager1. The ratio is the 1M median over the 10k median.',
  async run(): Promise<BenchRow[]> {
    if (!engineBuilt()) return skipped('engine/dist is not built (run the engine build first)');
    const scratch = await createScratchDatabase('p6');
    if ('skip' in scratch) return skipped(scratch.skip);
    const engine = await startEngine(scratch.url);
    const db = new Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const formId = await engine.formId('quote');
      const [rep, manager, admin] = await Promise.all([
        login(engine.baseUrl, 'rep1'),
        login(engine.baseUrl, 'manager1'),
        login(engine.baseUrl, 'admin'),
      ]);
      const filter = encodeURIComponent(
        JSON.stringify([
          { field: 'status', op: 'eq', value: 'pending' },
          { field: 'discount_pct', op: 'gte', value: 10 },
        ]),
      );
      const listUrl = `${engine.baseUrl}/api/forms/${formId}/records?filter=${filter}&sort=total:desc&limit=20`;
      const searchUrl = `${engine.baseUrl}/api/forms/${formId}/records?search=${encodeURIComponent('杭州 customer 12')}&limit=20`;
      const inboxUrl = `${engine.baseUrl}/api/tasks?view=todo&limit=20`;
      const list: number[] = [];
      const inbox: number[] = [];
      const extra: string[] = [];
      let loaded = 0;
      const base = new Date();
      for (const size of SIZES) {
        const started = Date.now();
        await load(db, formId, loaded + 1, size, base);
        loaded = size;
        console.log(
          `[bench] P6 loaded ${size} records in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        list.push(await latency(listUrl, rep));
        inbox.push(await latency(inboxUrl, manager));
        const adminList = await latency(listUrl, admin);
        const search = await latency(searchUrl, admin);
        extra.push(
          `${size / 1000}k: list ${list[list.length - 1]!.toFixed(1)} ms (admin ${adminList.toFixed(1)} ms, search ${search.toFixed(1)} ms), inbox ${inbox[inbox.length - 1]!.toFixed(1)} ms`,
        );
        console.log(`[bench] P6 ${extra[extra.length - 1]}`);
      }
      const figure = (label: string, value: number) => ({ label, value, unit: 'ms' });
      return [
        row({
          id: 'P6',
          what: WHAT_LIST,
          subject: figure('at 1M records', list[2]!),
          baseline: figure('at 10k records', list[0]!),
          ratio: list[2]! / list[0]!,
          goal: 2,
          goalKind: 'atMost',
          note: `medians — ${extra.join('; ')}`,
        }),
        row({
          id: 'P6',
          what: WHAT_INBOX,
          subject: figure('at 1M records', inbox[2]!),
          baseline: figure('at 10k records', inbox[0]!),
          ratio: inbox[2]! / inbox[0]!,
          goal: 2,
          goalKind: 'atMost',
          note: `100k: ${inbox[1]!.toFixed(1)} ms`,
        }),
      ];
    } finally {
      await db.end();
      await engine.stop();
      await scratch.drop();
    }
  },
};
