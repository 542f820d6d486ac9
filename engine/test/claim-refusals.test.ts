import type { RecordView } from '../src/modules/records/records.service';
import { startTestApp, type TestApp } from './support/test-app';

// The claim buttons of the CRM pools, pressed over HTTP: a claim runs at once, and a
// refused one (over the region's claim limit, a lead already taken, a protected
// customer) answers with one error envelope naming why, in English and in Chinese in
// its details, and changes nothing.

interface Refused {
  error: {
    status: number;
    code: string;
    message: string;
    details: { keyword: string; params: { message: { zh: string; en: string } } & object }[];
  };
}

let app: TestApp;
const tokens = new Map<string, string>();
let forms: Map<string, string>;
let buttons: Map<string, string>;

async function token(username: string): Promise<string> {
  if (!tokens.has(username)) tokens.set(username, await app.login(username));
  return tokens.get(username)!;
}

async function submit(as: string, form: string, data: object): Promise<RecordView> {
  const res = await app.request<RecordView>('POST', `/api/forms/${forms.get(form)}/records`, {
    token: await token(as),
    body: { data },
  });
  expect({ form, status: res.status }).toEqual({ form, status: 201 });
  await app.worker.drain();
  return res.body;
}

async function record(id: string): Promise<RecordView> {
  return (
    await app.request<RecordView>('GET', `/api/records/${id}`, { token: await token('admin') })
  ).body;
}

function press(as: string, button: string, recordId: string) {
  return token(as).then((t) =>
    app.request<Refused & { status: string; effects: unknown[] }>(
      'POST',
      `/api/automations/${buttons.get(button)}/press`,
      { token: t, body: { recordId } },
    ),
  );
}

async function runsOf(recordId: string): Promise<number> {
  const rows: { n: number }[] = await app.db.query(
    'SELECT count(*)::int AS n FROM automation_runs WHERE record_id = $1',
    [recordId],
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  const apps = await app.request<{ forms: { id: string; key: string }[] }[]>('GET', '/api/apps', {
    token: await token('admin'),
  });
  forms = new Map(apps.body.flatMap((a) => a.forms.map((f) => [f.key, f.id] as const)));
  const users: { id: string }[] = await app.db.query(
    `SELECT id FROM users WHERE username = 'rep1'`,
  );
  await submit('admin', 'sales_region', {
    region: 'west',
    reps: [users[0]!.id],
    assign_mode: 'pool',
    lead_claim_limit: 1,
  });
  buttons = new Map();
  for (const form of ['lead', 'customer']) {
    const res = await app.request<{ id: string; key: string; name: { en: string } }[]>(
      'GET',
      `/api/forms/${forms.get(form)}/buttons`,
      { token: await token('rep1') },
    );
    expect(res.status).toBe(200);
    for (const b of res.body) buttons.set(b.key, b.id);
  }
});

afterAll(async () => {
  await app.close();
});

it('lists the manual automations of a form as its buttons, for whoever sees the form', async () => {
  expect([...buttons.keys()]).toEqual(
    expect.arrayContaining(['lead_claim', 'lead_convert', 'customer_claim']),
  );
  expect([...buttons.keys()]).not.toContain('lead_round_robin');
  const unknown = await app.request<Refused>(
    'GET',
    '/api/forms/00000000-0000-4000-8000-000000000000/buttons',
    { token: await token('rep1') },
  );
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.code).toBe('not_found');
});

it('claims within the limit at once; over it, answers claim_limit_reached naming the limit', async () => {
  const first = await submit('rep1', 'lead', {
    contact_name: '冯一',
    mobile: '13700000901',
    region: 'west',
  });
  const second = await submit('rep1', 'lead', {
    contact_name: 'Eve Chen',
    mobile: '13700000902',
    region: 'west',
  });
  expect((await record(second.id)).data).toMatchObject({ pool: 'pool' });

  const ok = await press('rep1', 'lead_claim', first.id);
  expect(ok.status).toBe(200);
  expect(ok.body.status).toBe('succeeded');
  expect((await record(first.id)).data).toMatchObject({ pool: 'assigned', status: 'contacting' });

  const before = await record(second.id);
  const runsBefore = await runsOf(second.id);
  const refused = await press('rep1', 'lead_claim', second.id);
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({
    status: 409,
    code: 'claim_limit_reached',
    message:
      'Claim limit reached: you already hold 1 of the 1 open leads a rep may hold in region west. Follow up or convert some before claiming more.',
  });
  const detail = refused.body.error.details[0]!;
  expect(detail).toMatchObject({ keyword: 'refusal', params: { held: 1, limit: 1 } });
  expect(detail.params.message.zh).toContain('每位销售最多持有 1 条');
  // Nothing changed and no run was kept.
  const after = await record(second.id);
  expect(after.version).toBe(before.version);
  expect(after.data).toMatchObject({ pool: 'pool', status: 'new' });
  expect(after.data.owner ?? null).toBeNull();
  expect(await runsOf(second.id)).toBe(runsBefore);

  // A lead already taken (here by the presser): a refusal of its own.
  const taken = await press('rep1', 'lead_claim', first.id);
  expect(taken.status).toBe(409);
  expect(taken.body.error.code).toBe('lead_not_in_pool');
  expect(taken.body.error.message).toMatch(/no longer in the pool/);
});

it('refuses to claim a protected customer with customer_protected and the date', async () => {
  const customer = await submit('rep1', 'customer', {
    name: '杭州西溪科技',
    pool: 'private',
    region: 'east',
  });
  const until = (await record(customer.id)).data.protected_until;
  expect(typeof until).toBe('string');
  // Other reps do not see a private customer; the manager does, and may not take it.
  expect((await press('rep2', 'customer_claim', customer.id)).status).toBe(404);
  const refused = await press('manager1', 'customer_claim', customer.id);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('customer_protected');
  expect(refused.body.error.message).toBe(
    `This customer is protected until ${String(until)}: it belongs to its owner and cannot be claimed before then.`,
  );
  expect(refused.body.error.details[0]!.params.message.zh).toContain(
    `保护期内（至 ${String(until)}）`,
  );
});

it('answers one envelope for a bad press: no record id, an unknown automation', async () => {
  const lead = await submit('rep1', 'lead', {
    contact_name: 'No Press',
    mobile: '13700000903',
    region: 'west',
  });
  const missing = await app.request<Refused>(
    'POST',
    `/api/automations/${buttons.get('lead_claim')}/press`,
    { token: await token('rep1'), body: {} },
  );
  expect(missing.status).toBe(404);
  expect(missing.body.error.code).toBe('not_found');
  const extra = await app.request<Refused>(
    'POST',
    `/api/automations/${buttons.get('lead_claim')}/press`,
    { token: await token('rep1'), body: { recordId: lead.id, force: true } },
  );
  expect(extra.status).toBe(400);
  expect(extra.body.error.code).toBe('validation_failed');
  const unknown = await app.request<Refused>(
    'POST',
    '/api/automations/00000000-0000-4000-8000-000000000000/press',
    { token: await token('rep1'), body: { recordId: lead.id } },
  );
  expect(unknown.status).toBe(404);
  expect((await record(lead.id)).data.owner ?? null).toBeNull();
});
