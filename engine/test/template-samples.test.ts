import { CRM_SAMPLE_COUNTS } from '@liuyun/templates';
import { SeedService } from '../src/bootstrap/seed.service';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ demo: true, history: true });
  // Loading the quarter of history takes a while on a busy machine.
}, 300_000);

afterAll(async () => {
  await app.close();
});

const countByForm = async (): Promise<Map<string, number>> => {
  const rows: { key: string; n: number }[] = await app.db.query(
    `SELECT f.key, count(r.id)::int AS n FROM forms f LEFT JOIN records r ON r.form_id = f.id GROUP BY f.key`,
  );
  return new Map(rows.map((r) => [r.key, r.n]));
};

describe('demo start', () => {
  it('loads the generated quarter of CRM work, with the live samples on top', async () => {
    const counts = await countByForm();
    expect(counts.get('customer')).toBe(CRM_SAMPLE_COUNTS.customers);
    expect(counts.get('lead')).toBe(CRM_SAMPLE_COUNTS.customers + CRM_SAMPLE_COUNTS.otherLeads);
    expect(counts.get('followup')).toBe(CRM_SAMPLE_COUNTS.followups);
    expect(counts.get('opportunity')).toBe(CRM_SAMPLE_COUNTS.opportunities);
    expect(counts.get('ticket')).toBe(CRM_SAMPLE_COUNTS.tickets);
    for (const form of ['campaign', 'contact', 'quote', 'contract', 'payment_plan', 'payment'])
      expect(counts.get(form) ?? 0).toBeGreaterThan(0);
  });

  it('back-dates the records over the last 90 days and numbers them in creation order', async () => {
    const [span] = await app.db.query(
      `SELECT min(r.created_at) AS first, max(r.created_at) AS last FROM records r JOIN forms f ON f.id = r.form_id WHERE f.key = 'customer'`,
    );
    const ageDays = (Date.now() - new Date(span.first).getTime()) / 86_400_000;
    expect(ageDays).toBeGreaterThan(45);
    expect(ageDays).toBeLessThanOrEqual(90);
    const codes: { code: string }[] = await app.db.query(
      `SELECT r.data->>'code' AS code FROM records r JOIN forms f ON f.id = r.form_id
        WHERE f.key = 'customer' ORDER BY r.created_at`,
    );
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    // Per year (the counter resets yearly), in creation order.
    for (const year of new Set(codes.map((c) => c.code.slice(3, 7)))) {
      const numbers = codes
        .filter((c) => c.code.slice(3, 7) === year)
        .map((c) => Number(c.code.slice(-4)));
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
    // Linked-record copies filled in: every plan shows its contract's number.
    const plans: { ok: boolean }[] = await app.db.query(
      `SELECT (p.data->>'contract_no') = (k.data->>'contract_no') AS ok
         FROM records p JOIN records k ON k.id::text = p.data->>'contract'
         JOIN forms f ON f.id = p.form_id WHERE f.key = 'payment_plan'`,
    );
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((p) => p.ok)).toBe(true);
  });

  it('stores finished approvals for decided quotes and contracts, and starts no flow for them', async () => {
    const rows: { key: string; status: string; n: number }[] = await app.db.query(
      `SELECT f.key, p.status, count(*)::int AS n FROM process_instances p JOIN forms f ON f.id = p.form_id
        GROUP BY f.key, p.status`,
    );
    const n = (key: string, status: string) =>
      rows.find((r) => r.key === key && r.status === status)?.n ?? 0;
    expect(n('quote', 'completed')).toBeGreaterThan(10);
    expect(n('contract', 'completed')).toBeGreaterThan(5);
    // Only the live samples (two quotes above 10 %, one contract) run; nothing for leads, tickets and the rest.
    expect(n('quote', 'running')).toBe(2); // the 5 % one is approved at once
    expect(n('contract', 'running')).toBe(1);
    expect(n('ticket', 'running') + n('lead', 'running')).toBe(0);
    const [tasks] = await app.db.query(
      `SELECT count(*)::int AS n FROM tasks WHERE status = 'completed' AND completed_at > created_at`,
    );
    expect(tasks.n).toBeGreaterThan(10);
  });

  it('loads the history only once: seeding again adds nothing', async () => {
    const before = await countByForm();
    await app.liuyun.app.get(SeedService).run();
    expect(await countByForm()).toEqual(before);
  });
});
