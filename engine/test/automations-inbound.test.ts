import type { AutomationView } from '../src/modules/automations/automation.types';
import { signWebhook } from '../src/modules/automations/webhook-signature';
import { AutomationLab, line, step } from './automations-app.fixture';
import { startTestApp, type TestApp } from './support/test-app';

// Inbound webhooks (signed), the manual button, and schedules on a database clock.
let app: TestApp;
let lab: AutomationLab;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  lab = new AutomationLab(app);
  await lab.setUpOps();
});

afterAll(async () => {
  await app.close();
});

const name = { zh: 'x', en: 'x' };
const DAY = 86_400_000;

describe('inbound webhook', () => {
  let hook: AutomationView;
  const post = (raw: string, headers: Record<string, string>) =>
    app.request<{ runId?: string; error?: { code: string } }>('POST', `/api/hooks/${hook.id}`, {
      rawBody: raw,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const signed = (
    raw: string,
    at = Math.floor(Date.now() / 1000),
    secret = hook.webhook!.secret,
  ) => ({
    'x-liuyun-timestamp': String(at),
    'x-liuyun-signature': signWebhook(secret, at, raw),
  });

  beforeAll(async () => {
    hook = await lab.create({
      key: 'inbound',
      name,
      trigger: { kind: 'webhook' },
      flow: line(step.create('c', 'lead', { name: { var: 'company' }, amount: { var: 'budget' } })),
    });
  });

  it('shows admins the URL and secret', () => {
    expect(hook.webhook).toEqual({
      url: `/api/hooks/${hook.id}`,
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('runs a request signed with the secret, once', async () => {
    const raw = JSON.stringify({ company: 'Signed Co', budget: 9 });
    const headers = signed(raw);
    const res = await post(raw, headers);
    expect(res.status).toBe(202);
    await lab.drain();
    expect((await lab.rows('lead')).map((r) => r.data)).toContainEqual({
      name: 'Signed Co',
      amount: 9,
    });
    expect(await lab.runs(hook.id)).toMatchObject([
      { id: res.body.runId, status: 'succeeded', input: { company: 'Signed Co', budget: 9 } },
    ]);
    // The same signed request again is a replay: nothing runs.
    const again = await post(raw, headers);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('webhook_replayed');
  });

  const refused: {
    description: string;
    make(raw: string): Record<string, string>;
    code: string;
  }[] = [
    { description: 'no signature', make: () => ({}), code: 'signature_missing' },
    {
      description: 'a wrong secret',
      make: (raw) => signed(raw, undefined, 'f'.repeat(64)),
      code: 'signature_invalid',
    },
    {
      description: 'a body changed after signing',
      make: (raw) => signed(raw.replace('Evil', 'Good')),
      code: 'signature_invalid',
    },
    {
      description: 'a timestamp outside the window (an old capture replayed)',
      make: (raw) => signed(raw, Math.floor(Date.now() / 1000) - 3600),
      code: 'signature_expired',
    },
  ];

  it.each(refused)('refuses $description with 401 and runs nothing', async ({ make, code }) => {
    const before = (await lab.runs(hook.id)).length;
    const raw = JSON.stringify({ company: 'Evil', budget: 1 });
    const res = await post(raw, make(raw));
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe(code);
    await lab.drain();
    expect(await lab.runs(hook.id)).toHaveLength(before);
    expect((await lab.rows('lead')).map((r) => r.data.name)).not.toContain('Evil');
  });

  it('answers 404 for automations that are not webhooks', async () => {
    const other = await lab.create({
      key: 'not_hook',
      name,
      trigger: { kind: 'manual', form: 'lead' },
      flow: line(step.notify('n', ['admin'], 'x')),
    });
    const raw = '{}';
    const res = await app.request('POST', `/api/hooks/${other.id}`, {
      rawBody: raw,
      headers: signed(raw),
    });
    expect(res.status).toBe(404);
  });
});

describe('manual run', () => {
  it('runs for each record the user can see; refuses records they cannot', async () => {
    const button = await lab.create({
      key: 'button',
      name,
      trigger: { kind: 'manual', form: 'lead' },
      flow: line(step.update('u', { status: 'qualified' })),
    });
    const mine = await lab.submit('rep1', { name: 'Mine' }, 'lead');
    const also = await lab.submit('rep1', { name: 'Also mine' }, 'lead');
    const theirs = await lab.submit('rep2', { name: 'Theirs' }, 'lead');
    const run = async (as: string, recordIds: string[]) =>
      app.request<{ runs: { recordId: string; runId: string }[] }>(
        'POST',
        `/api/automations/${button.id}/run`,
        {
          token: await lab.token(as),
          body: { recordIds },
        },
      );

    expect((await run('rep1', [mine.id, theirs.id])).status).toBe(404);
    expect((await run('rep1', [])).status).toBe(400);
    const ok = await run('rep1', [mine.id, also.id]);
    expect(ok.status).toBe(202);
    expect(ok.body.runs.map((r) => r.recordId)).toEqual([mine.id, also.id]);
    // The head of the sales department sees the reps' records.
    expect((await run('manager1', [theirs.id])).status).toBe(202);
    await lab.drain();
    for (const r of [mine, also, theirs])
      expect((await lab.record(r.id)).data.status).toBe('qualified');
    const runs = await lab.runs(button.id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(runs.find((r) => r.recordId === theirs.id)?.trigger).toMatchObject({
      kind: 'manual',
      userId: lab.uid('manager1'),
    });
  });
});

describe('schedule', () => {
  it('fires a cron slot when the database clock reaches it, then the next one', async () => {
    const nightly = await lab.create({
      key: 'nightly',
      name,
      trigger: { kind: 'schedule', cron: '30 2 * * *' },
      flow: line(
        step.create('c', 'task', { title: { cat: ['Nightly ', { var: 'scheduledAt' }] } }),
      ),
    });
    const first = new Date(nightly.nextRunAt!);
    // 02:30 in China Standard Time is 18:30 UTC.
    expect(first.toISOString()).toMatch(/T18:30:00\.000Z$/);
    expect(first.getTime() - Date.now()).toBeLessThanOrEqual(DAY);
    await lab.drain(new Date(first.getTime() - 60_000));
    expect(await lab.runs(nightly.id)).toHaveLength(0);
    await lab.drain(first);
    expect(await lab.runs(nightly.id)).toMatchObject([
      { status: 'succeeded', trigger: { slot: first.toISOString() } },
    ]);
    const second = new Date(first.getTime() + DAY);
    const view = await app.request<AutomationView>('GET', `/api/automations/${nightly.id}`, {
      token: await lab.token('admin'),
    });
    expect(view.body.nextRunAt).toBe(second.toISOString());
    await lab.drain(second);
    expect((await lab.runs(nightly.id)).map((r) => r.trigger.slot)).toEqual([
      second.toISOString(),
      first.toISOString(),
    ]);
    await lab.disable(nightly);
    await lab.drain(new Date(second.getTime() + DAY));
    expect(await lab.runs(nightly.id)).toHaveLength(2);
  });

  it('runs once per record whose date field is N days away, at the scan time', async () => {
    const reminder = await lab.create({
      key: 'due_soon',
      name,
      trigger: {
        kind: 'schedule',
        form: 'lead',
        dateField: 'due',
        offsetDays: -2,
        at: '08:00',
        condition: { '!=': [{ var: 'status' }, 'lost'] },
      },
      flow: line(step.notify('n', ['manager1'], '{{name}} is due on {{due}}')),
    });
    const slot = new Date(reminder.nextRunAt!);
    // Slots are 08:00 in UTC+8; the local day of the slot decides which dates are due.
    const localDay = (t: Date, plusDays = 0) =>
      new Date(t.getTime() + 8 * 3600_000 + plusDays * DAY).toISOString().slice(0, 10);
    const dueSoon = await lab.submit('rep1', { name: 'Due soon', due: localDay(slot, 2) }, 'lead');
    await lab.submit('rep1', { name: 'Due later', due: localDay(slot, 3) }, 'lead');
    await lab.submit('rep1', { name: 'Lost', due: localDay(slot, 2), status: 'lost' }, 'lead');
    await lab.drain(slot);
    const runs = await lab.runs(reminder.id);
    expect(runs.map((r) => r.recordId)).toEqual([dueSoon.id]);
    const notes: { message: { en: string } }[] = await app.db.query(
      'SELECT message FROM notifications WHERE record_id = $1',
      [dueSoon.id],
    );
    expect(notes.map((n) => n.message.en)).toEqual([`Due soon is due on ${localDay(slot, 2)}`]);
    // The next day's scan finds "Due later"; "Due soon" does not fire again.
    await lab.drain(new Date(slot.getTime() + DAY));
    expect((await lab.runs(reminder.id)).map((r) => r.input.name).sort()).toEqual([
      'Due later',
      'Due soon',
    ]);
  });
});
