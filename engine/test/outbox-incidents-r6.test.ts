import { JobQueue } from '../src/modules/jobs/job-queue.service';
import { startTestApp, type TestApp } from './support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

interface Incident {
  id: string;
  code: string;
  status: string;
  jobId: string | null;
}

let app: TestApp;
let receiver: WebhookReceiver;
let admin: string;

const farFuture = () => new Date(Date.now() + 24 * 3600 * 1000);

async function enqueueWebhook(key: string, path = '/hook'): Promise<void> {
  const queue = app.liuyun.app.get(JobQueue);
  await app.db.transaction((m) =>
    queue.enqueue(m, {
      kind: 'webhook',
      key,
      payload: { url: `${receiver.url}${path}`, method: 'POST', body: { hello: key } },
    }),
  );
}

async function jobStatus(key: string): Promise<{ status: string; attempts: number }> {
  const rows: { status: string; attempts: number }[] = await app.db.query(
    'SELECT status, attempts FROM jobs WHERE idempotency_key = $1',
    [key],
  );
  return rows[0]!;
}

beforeAll(async () => {
  // No demo samples: their deadline timers would share the queue with these webhooks.
  app = await startTestApp({ demo: false, env: { LIUYUN_ADMIN_PASSWORD: 'demo' } });
  receiver = await startWebhookReceiver();
  admin = await app.login('admin');
  // Nor the CRM template's scheduled automations (daily scans) in the far-future drains.
  await app.db.query(`DELETE FROM jobs WHERE kind = 'automation_schedule'`);
});

afterAll(async () => {
  await app.close();
  await receiver.close();
});

beforeEach(() => {
  receiver.calls.length = 0;
});

describe('R6: a webhook target failing 5 times, then answering', () => {
  it('retries with backoff, then raises an incident; an admin retry delivers it once', async () => {
    receiver.answerWith([500, 500, 502, 503, 500], 200);
    await enqueueWebhook('r6-1');

    // First attempt at once; each failure puts the next attempt later (backoff).
    expect(await app.worker.runOnce()).toBe(1);
    expect(await jobStatus('r6-1')).toEqual({ status: 'pending', attempts: 1 });
    expect(await app.worker.runOnce()).toBe(0);
    const due: { run_at: Date }[] = await app.db.query(
      `SELECT run_at FROM jobs WHERE idempotency_key = 'r6-1'`,
    );
    expect(due[0]!.run_at.getTime()).toBeGreaterThan(Date.now());

    for (let i = 2; i <= 5; i++) expect(await app.worker.runOnce({ asOf: farFuture() })).toBe(1);
    expect(await jobStatus('r6-1')).toEqual({ status: 'failed', attempts: 5 });
    expect(receiver.calls).toHaveLength(5);
    expect(new Set(receiver.calls.map((c) => c.headers['idempotency-key']))).toEqual(
      new Set(['r6-1']),
    );

    const open = await app.request<Incident[]>('GET', '/api/incidents', { token: admin });
    const incident = open.body.find((i) => i.code === 'webhook_failed');
    expect(incident).toMatchObject({ status: 'open' });

    const retried = await app.request<Incident>('POST', `/api/incidents/${incident!.id}/retry`, {
      token: admin,
    });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('resolved');
    expect(await app.worker.drain()).toBe(1);
    expect(await jobStatus('r6-1')).toEqual({ status: 'done', attempts: 1 });
    expect(receiver.calls).toHaveLength(6);
    expect(JSON.parse(receiver.calls[5]!.body)).toEqual({ hello: 'r6-1' });

    const again = await app.request<{ error: { code: string } }>(
      'POST',
      `/api/incidents/${incident!.id}/retry`,
      { token: admin },
    );
    expect(again.status).toBe(409);
    expect(await app.worker.drain({ asOf: farFuture() })).toBe(0);
    expect(receiver.calls).toHaveLength(6);
  });

  it('keeps one job per idempotency key', async () => {
    receiver.answerWith([], 200);
    await enqueueWebhook('dup-key');
    await enqueueWebhook('dup-key');
    expect(await app.worker.drain()).toBe(1);
    expect(receiver.calls).toHaveLength(1);
  });

  it('never follows a redirect', async () => {
    receiver.answerWith([302, 302, 302, 302, 302], 302);
    await enqueueWebhook('redirected');
    await app.worker.drain({ asOf: farFuture() });
    expect(await jobStatus('redirected')).toMatchObject({ status: 'failed' });
    expect(receiver.calls.every((c) => c.path === '/hook')).toBe(true);
  });

  it('shows incidents to admins only', async () => {
    await app.db.query(
      `INSERT INTO users (id, username, display_name, password_hash) SELECT gen_random_uuid(), 'rep1', 'Rep', password_hash FROM users WHERE username = 'admin'`,
    );
    const rep = await app.login('rep1');
    expect((await app.request('GET', '/api/incidents', { token: rep })).status).toBe(403);
    expect(
      (
        await app.request('POST', '/api/incidents/00000000-0000-4000-8000-000000000000/retry', {
          token: rep,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await app.request('POST', '/api/incidents/00000000-0000-4000-8000-000000000000/retry', {
          token: admin,
        })
      ).status,
    ).toBe(404);
  });
});
