import type { PublicForm, PublicLink } from '../src/modules/records/public-links.service';
import type { RecordView } from '../src/modules/records/records.service';
import { countRows } from './support/quote-fixtures';
import { installLeads } from './support/leads-app';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string };
}

let app: TestApp;
let admin: string;
let rep1: string;
let formId: string;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  [admin, rep1] = await Promise.all([app.login('admin'), app.login('rep1')]);
  formId = await installLeads(app, admin);
});

afterAll(async () => {
  await app.close();
});

/** Opens the public form and moves its ticket back in time (the database clock), as if filled slowly. */
async function openedAgo(seconds: number): Promise<PublicForm> {
  const res = await app.request<PublicForm>('GET', `/api/public/forms/${token}`);
  expect(res.status).toBe(200);
  await app.db.query(
    `UPDATE public_form_tickets SET issued_at = now() - make_interval(secs => $2) WHERE id = $1`,
    [res.body.ticket, seconds],
  );
  return res.body;
}

const send = (body: unknown) =>
  app.request<Envelope & { ok: boolean }>('POST', `/api/public/forms/${token}/records`, { body });

describe('public form links', () => {
  it('are switched on by admins only', async () => {
    const denied = await app.request<Envelope>('PUT', `/api/forms/${formId}/public-link`, {
      token: rep1,
      body: { enabled: true },
    });
    expect(denied.status).toBe(403);
    const res = await app.request<{ link: PublicLink }>('PUT', `/api/forms/${formId}/public-link`, {
      token: admin,
      body: { enabled: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.link).toMatchObject({ formId, enabled: true });
    token = res.body.link.token;
    expect(res.body.link.path).toBe(`/p/${token}`);
  });

  it('serve the form without sign-in and take a lead through the submission check', async () => {
    const form = await app.request<PublicForm>('GET', `/api/public/forms/${token}`);
    expect(form.status).toBe(200);
    expect(form.body.definition.key).toBe('lead');
    expect(form.body).not.toHaveProperty('flow');

    const opened = await openedAgo(10);
    const before = await countRows(app, 'records');
    const ok = await send({
      data: { name: 'Web Lead', mobile: '13512345678' },
      ticket: opened.ticket,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.ok).toBe(true);
    expect(await countRows(app, 'records')).toBe(before + 1);

    const adminList = await app.request<{ items: RecordView[] }>(
      'GET',
      `/api/forms/${formId}/records`,
      {
        token: admin,
      },
    );
    const lead = adminList.body.items.find((r) => r.data.name === 'Web Lead');
    expect(lead?.createdBy.username).toBe('public-form');
    const repList = await app.request<{ items: RecordView[] }>(
      'GET',
      `/api/forms/${formId}/records`,
      {
        token: rep1,
      },
    );
    expect(repList.body.items.map((r) => r.data.name)).not.toContain('Web Lead');

    const again = await send({ data: { name: 'Replay' }, ticket: opened.ticket });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('ticket_invalid');
  });

  it('refuse bots: too fast, honeypot filled, unknown ticket', async () => {
    const fresh = await app.request<PublicForm>('GET', `/api/public/forms/${token}`);
    const fast = await send({ data: { name: 'Bot' }, ticket: fresh.body.ticket });
    expect(fast.status).toBe(422);
    expect(fast.body.error.code).toBe('spam_suspected');

    const opened = await openedAgo(30);
    const honey = await send({
      data: { name: 'Bot' },
      ticket: opened.ticket,
      website: 'http://spam',
    });
    expect(honey.body.error.code).toBe('spam_suspected');
    const unknown = await send({
      data: { name: 'Bot' },
      ticket: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.body.error.code).toBe('ticket_invalid');
    const malformed = await send({ data: { name: 'Bot' }, ticket: 'not-a-uuid' });
    expect(malformed.status).toBe(400);
  });

  it('answer bad data with the usual field errors and keep the ticket for the corrected form', async () => {
    const opened = await openedAgo(10);
    const bad = await send({ data: { mobile: '13500000000' }, ticket: opened.ticket });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const dup = await send({
      data: { name: 'Dup', mobile: '+86 135 1234 5678' },
      ticket: opened.ticket,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_value');
    const fixed = await send({
      data: { name: 'Corrected', mobile: '13500000000' },
      ticket: opened.ticket,
    });
    expect(fixed.status).toBe(201);
  });

  it('limit submissions per address and minute', async () => {
    const opened = await openedAgo(10);
    // Fill this minute's (and the next minute's) budget, so the check cannot straddle a window.
    await app.db.query(
      `INSERT INTO public_submit_counts (client, window_start, count)
       SELECT 'submit:' || $1 || ':' || ip, date_trunc('minute', now()) + m * interval '1 minute', 10
         FROM unnest(array['127.0.0.1', '::ffff:127.0.0.1', '::1']) AS ip, generate_series(0, 1) AS m
       ON CONFLICT (client, window_start) DO UPDATE SET count = 10`,
      [token],
    );
    const limited = await send({ data: { name: 'One too many' }, ticket: opened.ticket });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });

  it('stop working when switched off or given a new token', async () => {
    const renewed = await app.request<{ link: PublicLink }>(
      'PUT',
      `/api/forms/${formId}/public-link`,
      {
        token: admin,
        body: { enabled: true, regenerate: true },
      },
    );
    expect(renewed.body.link.token).not.toBe(token);
    expect((await app.request('GET', `/api/public/forms/${token}`)).status).toBe(404);
    token = renewed.body.link.token;
    expect((await app.request('GET', `/api/public/forms/${token}`)).status).toBe(200);
    await app.request('PUT', `/api/forms/${formId}/public-link`, {
      token: admin,
      body: { enabled: false },
    });
    const off = await app.request<Envelope>('GET', `/api/public/forms/${token}`);
    expect(off.status).toBe(404);
    expect(off.body.error.code).toBe('not_found');
  });
});
