import type { RecordView } from '../src/modules/records/records.service';
import { startTestApp, type TestApp } from './support/test-app';

// The CRM's round-robin assignment under load: 50 leads of two regions submitted at once,
// their assignment runs taken by five job loops at once (claimed with SKIP LOCKED, as
// several engine processes would). Each region's turns must stay even (max − min ≤ 1),
// no lead lost, none assigned twice. Against the Postgres server when DATABASE_URL is set.

const REGIONS = {
  east: ['rep1', 'rep2', 'rep3'],
  south: ['rep3', 'rep4'],
} as const;
const LEADS = 50;
const LOOPS = 5;

let app: TestApp;
let tokens: Record<string, string>;
let forms: Map<string, string>;
let users: Map<string, string>;

async function submit(token: string, form: string, data: object): Promise<RecordView> {
  const res = await app.request<RecordView>('POST', `/api/forms/${forms.get(form)}/records`, {
    token,
    body: { data },
  });
  expect({ form, status: res.status }).toEqual({ form, status: 201 });
  return res.body;
}

/** Job loops taking the queue at once until none finds work. */
async function drainConcurrently(): Promise<number> {
  let total = 0;
  const loop = async () => {
    for (;;) {
      const n = await app.worker.runOnce({ limit: 3 });
      total += n;
      if (n === 0) return;
    }
  };
  await Promise.all(Array.from({ length: LOOPS }, loop));
  // A last pass: what the loops' own jobs enqueued after the others stopped.
  total += await app.worker.drain();
  return total;
}

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  const names = ['admin', 'manager1', 'manager2', 'rep1'];
  tokens = Object.fromEntries(
    await Promise.all(names.map(async (u) => [u, await app.login(u)] as const)),
  );
  const apps = await app.request<{ forms: { id: string; key: string }[] }[]>('GET', '/api/apps', {
    token: tokens.admin,
  });
  forms = new Map(apps.body.flatMap((a) => a.forms.map((f) => [f.key, f.id] as const)));
  const rows: { id: string; username: string }[] = await app.db.query(
    'SELECT id, username FROM users',
  );
  users = new Map(rows.map((r) => [r.username, r.id]));
  for (const [region, reps] of Object.entries(REGIONS))
    await submit(tokens.admin!, 'sales_region', {
      region,
      reps: reps.map((u) => users.get(u)),
      assign_mode: 'round_robin',
    });
  // The demo's own deadline timers are not what this test drains.
  await app.db.query(`UPDATE jobs SET status = 'cancelled' WHERE status = 'pending'`);
}, 120_000);

afterAll(async () => {
  await app.close();
});

it('assigns 50 concurrent leads of two regions evenly, each once, none lost', async () => {
  const submitters = ['manager1', 'manager2', 'rep1', 'admin'];
  const leads = await Promise.all(
    Array.from({ length: LEADS }, (_, i) =>
      submit(tokens[submitters[i % submitters.length]!]!, 'lead', {
        contact_name: `并发客户 ${i}`,
        mobile: `1380000${String(i).padStart(4, '0')}`,
        company: `Concurrent Co ${i}`,
        region: i % 2 === 0 ? 'east' : 'south',
        source: 'website',
      }),
    ),
  );
  const ids = leads.map((l) => l.id);
  expect(new Set(ids).size).toBe(LEADS);
  expect(await drainConcurrently()).toBeGreaterThanOrEqual(LEADS);

  const stored: { id: string; region: string; owner: string | null; pool: string | null }[] =
    await app.db.query(
      `SELECT id, data->>'region' AS region, data->>'owner' AS owner, data->>'pool' AS pool
         FROM records WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
      [ids],
    );
  expect(stored).toHaveLength(LEADS);
  const byName = new Map([...users].map(([name, id]) => [id, name]));
  for (const [region, reps] of Object.entries(REGIONS)) {
    const mine = stored.filter((r) => r.region === region);
    expect(mine).toHaveLength(LEADS / 2);
    expect(mine.every((r) => r.pool === 'assigned')).toBe(true);
    const counts = new Map<string, number>(reps.map((u) => [u, 0]));
    for (const r of mine) {
      const name = byName.get(r.owner ?? '') ?? `not a rep of ${region}: ${r.owner}`;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...reps].sort());
    const spread = [...counts.values()];
    expect({ region, spread: Math.max(...spread) - Math.min(...spread) <= 1 }).toEqual({
      region,
      spread: true,
    });
  }
  // One turn taken per lead of each region: none lost, none taken twice.
  const turns: { bucket: string; turns: number }[] = await app.db.query(
    `SELECT rr.bucket, rr.turns::int AS turns FROM automation_round_robin rr
       JOIN automations a ON a.id = rr.automation_id WHERE a.key = 'lead_round_robin'`,
  );
  expect(turns.sort((a, b) => a.bucket.localeCompare(b.bucket))).toEqual([
    { bucket: 'east', turns: LEADS / 2 },
    { bucket: 'south', turns: LEADS / 2 },
  ]);
  // Each lead was assigned by exactly one run, and got exactly one first-contact flow.
  const runs: { record_id: string; n: number }[] = await app.db.query(
    `SELECT r.record_id, count(*)::int AS n FROM automation_runs r
       JOIN automations a ON a.id = r.automation_id
      WHERE a.key = 'lead_round_robin' AND r.status = 'succeeded' AND r.record_id = ANY($1::uuid[])
      GROUP BY r.record_id`,
    [ids],
  );
  expect(runs).toHaveLength(LEADS);
  expect(runs.every((r) => r.n === 1)).toBe(true);
  const flows: { n: number; distinct: number }[] = await app.db.query(
    `SELECT count(*)::int AS n, count(DISTINCT record_id)::int AS distinct FROM tasks
      WHERE record_id = ANY($1::uuid[]) AND node_id = 'first_contact' AND status = 'open'`,
    [ids],
  );
  expect(flows[0]).toEqual({ n: LEADS, distinct: LEADS });
});
