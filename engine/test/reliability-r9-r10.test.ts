import type { RecordView } from '../src/modules/records/records.service';
import { countRows, formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string };
}

let app: TestApp;
let rep1: string;
let rep2: string;
let quoteId: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  rep1 = await app.login('rep1');
  rep2 = await app.login('rep2');
  quoteId = await formIdOf(app, rep1, 'quote');
});

afterAll(async () => {
  await app.close();
});

describe('R9: one submission sent 50 times at once with one Idempotency-Key', () => {
  it('stores one record and one instance; every answer is the same', async () => {
    const before = await Promise.all([
      countRows(app, 'records'),
      countRows(app, 'process_instances'),
      countRows(app, 'audit_log'),
    ]);
    const body = { data: quoteData(15, 'Idempotent Ltd') };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
          token: rep1,
          body,
          headers: { 'idempotency-key': 'quote-r9-1' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const after = await Promise.all([
      countRows(app, 'records'),
      countRows(app, 'process_instances'),
      countRows(app, 'audit_log'),
    ]);
    expect(after).toEqual([before[0] + 1, before[1] + 1, before[2] + 1]);
  });

  it('answers a later repeat with the first answer', async () => {
    const body = { data: quoteData(5, 'Later Repeat') };
    const first = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body,
      headers: { 'idempotency-key': 'quote-r9-2' },
    });
    const again = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body,
      headers: { 'idempotency-key': 'quote-r9-2' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('refuses a different request under a used key, and stores nothing', async () => {
    await app.request('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(5, 'Key A') },
      headers: { 'idempotency-key': 'quote-r9-3' },
    });
    const before = await countRows(app, 'records');
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(5, 'Key B') },
      headers: { 'idempotency-key': 'quote-r9-3' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('idempotency_key_reused');
    expect(await countRows(app, 'records')).toBe(before);
  });

  it('keeps keys per user', async () => {
    const a = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(5, 'Shared key') },
      headers: { 'idempotency-key': 'same' },
    });
    const b = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep2,
      body: { data: quoteData(5, 'Shared key') },
      headers: { 'idempotency-key': 'same' },
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('does not burn a key on an invalid submission', async () => {
    const bad = await app.request('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(150) },
      headers: { 'idempotency-key': 'retry-after-fix' },
    });
    expect(bad.status).toBe(400);
    const good = await app.request('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(5) },
      headers: { 'idempotency-key': 'retry-after-fix' },
    });
    expect(good.status).toBe(201);
  });
});

describe('R10: 100 concurrent edits of one record with the same If-Match version', () => {
  it('lets exactly one win; 99 get 412; no update is lost', async () => {
    const created = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(5, 'Edit Race') },
    });
    const loaded = await app.request<RecordView>('GET', `/api/records/${created.body.id}`, {
      token: rep1,
    });
    const version = loaded.body.version;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        app.request<RecordView | Envelope>('PATCH', `/api/records/${created.body.id}`, {
          token: rep1,
          body: { data: { customer_name: `Edit ${i}` } },
          headers: { 'if-match': `"${version}"` },
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    expect(answers.filter((a) => a.status === 412)).toHaveLength(99);
    const winner = (ok[0]!.body as RecordView).data.customer_name;
    const final = await app.request<RecordView>('GET', `/api/records/${created.body.id}`, {
      token: rep1,
    });
    expect(final.body.data.customer_name).toBe(winner);
    expect(final.body.version).toBe(version + 1);
    const edits: { n: number }[] = await app.db.query(
      `SELECT count(*)::int AS n FROM record_events WHERE record_id = $1 AND type = 'record_updated' AND actor_id IS NOT NULL`,
      [created.body.id],
    );
    expect(edits[0]!.n).toBe(1);
  });

  it('needs If-Match, records field-level changes, and recomputes on the server', async () => {
    const created = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(5, 'Before') },
    });
    const none = await app.request<Envelope>('PATCH', `/api/records/${created.body.id}`, {
      token: rep1,
      body: { data: { customer_name: 'x' } },
    });
    expect(none.status).toBe(428);
    const res = await app.request<RecordView>('PATCH', `/api/records/${created.body.id}`, {
      token: rep1,
      body: { data: { customer_name: 'After', discount_pct: 8, total: 1 } },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      customer_name: 'After',
      discount_pct: 8,
      total: 920,
      status: 'approved',
    });
    const view = await app.request<RecordView>('GET', `/api/records/${created.body.id}`, {
      token: rep1,
    });
    const edit = view.body.timeline
      ?.filter((t) => t.type === 'record_updated' && t.actor?.username === 'rep1')
      .pop();
    expect(edit?.details?.changes).toEqual(
      expect.arrayContaining([
        { field: 'customer_name', before: 'Before', after: 'After' },
        { field: 'discount_pct', before: 5, after: 8 },
        { field: 'total', before: 950, after: 920 },
      ]),
    );
  });

  it('refuses an invalid edit and a stranger’s edit, changing nothing', async () => {
    const created = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(5, 'Guarded') },
    });
    const v = `"${created.body.version}"`;
    const invalid = await app.request<Envelope>('PATCH', `/api/records/${created.body.id}`, {
      token: rep1,
      body: { data: { discount_pct: 500 } },
      headers: { 'if-match': v },
    });
    expect(invalid.status).toBe(400);
    const stranger = await app.request<Envelope>('PATCH', `/api/records/${created.body.id}`, {
      token: rep2,
      body: { data: { customer_name: 'Mine' } },
      headers: { 'if-match': v },
    });
    expect(stranger.status).toBe(404);
    const view = await app.request<RecordView>('GET', `/api/records/${created.body.id}`, {
      token: rep1,
    });
    expect(view.body.version).toBe(created.body.version);
    expect(view.body.data.customer_name).toBe('Guarded');
  });
});
