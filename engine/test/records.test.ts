import type { RecordView } from '../src/modules/records/records.service';
import { countRows, formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: {
    status: number;
    code: string;
    details?: { instancePath: string; keyword: string; message: string }[];
  };
}

let app: TestApp;
let rep1: string;
let rep2: string;
let manager1: string;
let quoteId: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  rep1 = await app.login('rep1');
  rep2 = await app.login('rep2');
  manager1 = await app.login('manager1');
  quoteId = await formIdOf(app, rep1, 'quote');
});

afterAll(async () => {
  await app.close();
});

describe('submitting a quote', () => {
  it('recomputes computed fields on the server, whatever the client sent', async () => {
    const data = {
      ...quoteData(5),
      total: 1,
      items: [{ product: 'A', quantity: 3, unit_price: 19.99, discount_pct: 10, subtotal: 0 }],
    };
    const res = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data },
    });
    expect(res.status).toBe(201);
    const items = res.body.data.items as { subtotal: number }[];
    expect(items[0]!.subtotal).toBe(53.97);
    expect(res.body.data.total).toBe(51.27);
    expect(res.body.version).toBeGreaterThanOrEqual(1);
  });

  it('drops a hidden field: no reason is stored at 10% or less', async () => {
    const res = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: { ...quoteData(8), reason: 'should vanish' } },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).not.toHaveProperty('reason');
  });

  it('S7: refuses a status sent by the submitter (the flow sets it), storing nothing', async () => {
    const before = await Promise.all([countRows(app, 'records'), countRows(app, 'audit_log')]);
    const res = await app.request<RecordView & { error: { code: string } }>(
      'POST',
      `/api/forms/${quoteId}/records`,
      { token: rep1, body: { data: { ...quoteData(15), status: 'approved' } } },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('field_not_writable');
    expect(await Promise.all([countRows(app, 'records'), countRows(app, 'audit_log')])).toEqual(
      before,
    );
    const ok = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(15) },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data.status).toBe('pending');
  });

  const invalid: [string, unknown, string][] = [
    ['a missing customer', { ...quoteData(5), customer_name: undefined }, '/customer_name'],
    ['a discount over 100', quoteData(101), '/discount_pct'],
    [
      'a quantity of the wrong type',
      { ...quoteData(5), items: [{ product: 'A', quantity: 'ten', unit_price: 1 }] },
      '/items/0/quantity',
    ],
    ['no line items', { ...quoteData(5), items: [] }, '/items'],
    ['an unknown field', { ...quoteData(5), hacker: true }, ''],
    ['a reason missing above 10%', { ...quoteData(15), reason: undefined }, '/reason'],
  ];

  it.each(invalid)('refuses %s with field errors and stores nothing', async (_name, data, path) => {
    const before = await Promise.all([
      countRows(app, 'records'),
      countRows(app, 'process_instances'),
      countRows(app, 'audit_log'),
    ]);
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = (res.body.error.details ?? []).map((d) => d.instancePath);
    expect(paths).toContain(path);
    for (const d of res.body.error.details ?? []) {
      expect(typeof d.keyword).toBe('string');
      expect(typeof d.message).toBe('string');
    }
    const after = await Promise.all([
      countRows(app, 'records'),
      countRows(app, 'process_instances'),
      countRows(app, 'audit_log'),
    ]);
    expect(after).toEqual(before);
  });

  it.each([
    ['data that is not an object', { data: 'quote' }],
    ['no data at all', {}],
    ['an array body', [1, 2]],
  ])('refuses %s', async (_name, body) => {
    const res = await app.request<Envelope>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body,
    });
    expect(res.status).toBe(400);
    expect(['validation_failed']).toContain(res.body.error.code);
  });

  it('writes exactly one audit row for a submission', async () => {
    const before = await countRows(app, 'audit_log');
    const res = await app.request('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(3) },
    });
    expect(res.status).toBe(201);
    expect(await countRows(app, 'audit_log')).toBe(before + 1);
  });
});

describe('reading records', () => {
  it('pages through a form’s records newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await app.request('POST', `/api/forms/${quoteId}/records`, {
        token: rep2,
        body: { data: quoteData(1, `Paging ${i}`) },
      });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await app.request<{ items: RecordView[]; nextCursor: string | null }>(
        'GET',
        `/api/forms/${quoteId}/records?limit=2${q}`,
        { token: rep2 },
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((r) => String(r.data.customer_name)));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    const paging = seen.filter((s) => s.startsWith('Paging'));
    expect(paging).toEqual(['Paging 4', 'Paging 3', 'Paging 2', 'Paging 1', 'Paging 0']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a bad limit or cursor', async () => {
    expect(
      (await app.request('GET', `/api/forms/${quoteId}/records?limit=0`, { token: rep1 })).status,
    ).toBe(400);
    expect(
      (await app.request('GET', `/api/forms/${quoteId}/records?limit=1000`, { token: rep1 }))
        .status,
    ).toBe(400);
    expect(
      (await app.request('GET', `/api/forms/${quoteId}/records?cursor=garbage`, { token: rep1 }))
        .status,
    ).toBe(400);
  });

  it('shows a record to its submitter and their manager, not to another rep', async () => {
    const res = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(2, 'Private deal') },
    });
    const id = res.body.id;
    expect((await app.request('GET', `/api/records/${id}`, { token: rep1 })).status).toBe(200);
    expect((await app.request('GET', `/api/records/${id}`, { token: manager1 })).status).toBe(200);
    const other = await app.request<Envelope>('GET', `/api/records/${id}`, { token: rep2 });
    expect(other.status).toBe(404);
    const list = await app.request<{ items: RecordView[] }>(
      'GET',
      `/api/forms/${quoteId}/records?limit=100`,
      { token: rep2 },
    );
    expect(list.body.items.map((r) => r.id)).not.toContain(id);
  });

  it('gives the record with its process, tasks and timeline', async () => {
    const res = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(15, 'Timeline Co') },
    });
    const record = await app.request<RecordView>('GET', `/api/records/${res.body.id}`, {
      token: rep1,
    });
    expect(record.body.process).toMatchObject({
      status: 'running',
      activeNodeIds: ['manager_approval'],
    });
    expect(record.body.process?.flow.key).toBe('quote_discount_approval');
    expect(record.body.createdBy.username).toBe('rep1');
    expect(record.body.timeline?.map((t) => t.type)).toEqual([
      'record_submitted',
      'process_started',
      'record_updated',
      'task_created',
    ]);
    const created = record.body.timeline?.find((t) => t.type === 'task_created');
    expect(created?.assignee?.username).toBe('manager1');
    expect(record.body.tasks?.map((t) => [t.nodeId, t.assignee?.username, t.status])).toEqual([
      ['manager_approval', 'manager1', 'open'],
    ]);
  });
});

describe('deleting records', () => {
  it('hides a deleted record from reads and lists, and refuses edits to it', async () => {
    const res = await app.request<RecordView>('POST', `/api/forms/${quoteId}/records`, {
      token: rep1,
      body: { data: quoteData(2, 'To delete') },
    });
    const del = await app.request('DELETE', `/api/records/${res.body.id}`, { token: rep1 });
    expect(del.status).toBe(204);
    expect((await app.request('GET', `/api/records/${res.body.id}`, { token: rep1 })).status).toBe(
      404,
    );
    const list = await app.request<{ items: RecordView[] }>(
      'GET',
      `/api/forms/${quoteId}/records?limit=100`,
      { token: rep1 },
    );
    expect(list.body.items.map((r) => r.id)).not.toContain(res.body.id);
    const edit = await app.request('PATCH', `/api/records/${res.body.id}`, {
      token: rep1,
      body: { data: { customer_name: 'zombie' } },
      headers: { 'if-match': `"${res.body.version}"` },
    });
    expect(edit.status).toBe(404);
  });
});
