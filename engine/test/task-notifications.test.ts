import { edge, flow, Lab, node } from './support/lab-app';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { startTestApp, type TestApp } from './support/test-app';

// Every task the engine opens (approval, fill-in, CC) puts a line in its assignee's
// notification list with the step that opened it; e-mail follows the user's choice.

interface NotificationList {
  items: {
    id: string;
    recordId: string | null;
    nodeId: string | null;
    reason: string;
    message: { zh: string; en: string };
  }[];
  unread: number;
}

let app: TestApp;
let sink: SmtpSink;
let lab: Lab;
let quoteFormId: string;

const quote = (extra: object) => ({
  customer_name: 'Acme Trading',
  items: [{ product: 'CRM Pro', quantity: 10, unit_price: 100, discount_pct: 0 }],
  discount_pct: 15,
  ...extra,
});

async function inbox(username: string): Promise<NotificationList> {
  const res = await app.request<NotificationList>('GET', '/api/notifications?limit=100', {
    token: await lab.token(username),
  });
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  sink = await startSmtpSink({ user: 'liuyun', pass: 'secret' });
  app = await startTestApp({
    demo: true,
    env: { LIUYUN_SMTP_URL: sink.url(), LIUYUN_MAIL_FROM: 'Liuyun <notify@liuyun.test>' },
  });
  lab = new Lab(app);
  await lab.setUp();
  const apps = await app.request<{ key: string; forms: { id: string; key: string }[] }[]>(
    'GET',
    '/api/apps',
    { token: await lab.token('admin') },
  );
  quoteFormId = apps.body.find((a) => a.key === 'crm')!.forms.find((f) => f.key === 'quote')!.id;
});

afterAll(async () => {
  await app.close();
  await sink.close();
});

describe('a new task notifies its assignee', () => {
  it('manager1 is told of the 15% quote to approve, naming it, in both languages', async () => {
    const res = await app.request<{ id: string }>('POST', `/api/forms/${quoteFormId}/records`, {
      token: await lab.token('rep1'),
      body: { data: quote({ reason: 'Strategic account' }) },
    });
    expect(res.status).toBe(201);
    const mine = (await inbox('manager1')).items.filter((n) => n.recordId === res.body.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ nodeId: 'manager_approval', reason: 'task_assigned' });
    expect(mine[0]!.message.en).toBe('To approve: Quote "Acme Trading" · Sales manager approval');
    expect(mine[0]!.message.zh).toBe('待审批：报价单「Acme Trading」 · 销售经理审批');
    // The submitter holds no task and hears nothing.
    expect((await inbox('rep1')).items.some((n) => n.recordId === res.body.id)).toBe(false);
  });

  it('follows the e-mail preference: one mail per task for a user who asked for mail', async () => {
    const prefs = await app.request('POST', '/api/notifications/preferences', {
      token: await lab.token('manager1'),
      body: { channels: ['in_app', 'email'], email: 'manager1@example.com' },
    });
    expect(prefs.status).toBe(200);
    const res = await app.request<{ id: string }>('POST', `/api/forms/${quoteFormId}/records`, {
      token: await lab.token('rep1'),
      body: { data: quote({ customer_name: 'Mail Me Ltd', reason: 'Renewal' }) },
    });
    expect(res.status).toBe(201);
    await app.worker.drain();
    const mails = sink.mails.filter(
      (m) => m.to.includes('manager1@example.com') && m.text.includes('Mail Me Ltd'),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('报价单「Mail Me Ltd」');
    // rep2 left the default (in-app only): no mail for them, whatever they are given.
    expect(sink.mails.some((m) => m.to.some((t) => t.includes('rep2')))).toBe(false);
  });

  it('a refused submission stores nothing and tells nobody', async () => {
    const before = await inbox('manager1');
    const res = await app.request<{ error: { code: string } }>(
      'POST',
      `/api/forms/${quoteFormId}/records`,
      { token: await lab.token('rep1'), body: { data: quote({ customer_name: 'No Reason Co' }) } },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const after = await inbox('manager1');
    expect(after.unread).toBe(before.unread);
    expect(after.items.map((n) => n.id)).toEqual(before.items.map((n) => n.id));
    expect(after.items.some((n) => n.message.en.includes('No Reason Co'))).toBe(false);
  });

  it('CC recipients and fill-in assignees are told too; a closed task is not', async () => {
    await lab.publish(
      flow(
        'notice',
        [
          node.start(),
          node.of('copy', 'cc', {
            recipients: [
              { kind: 'user', username: 'rep2' },
              { kind: 'user', username: 'director1' },
            ],
          }),
          node.of('check', 'fill', {
            assignees: [{ kind: 'user', username: 'manager2' }],
            mode: 'any',
            fieldPermissions: { notes: 'editable' },
          }),
          node.end(),
        ],
        [edge('start', 'copy'), edge('copy', 'check'), edge('check', 'end')],
      ),
    );
    const r = await lab.submit('rep1', { title: 'Booth for the trade fair' });
    for (const username of ['rep2', 'director1']) {
      const mine = (await inbox(username)).items.filter((n) => n.recordId === r.id);
      expect({ username, messages: mine.map((n) => [n.reason, n.message.en]) }).toEqual({
        username,
        messages: [['task_cc', 'For your information: Request "Booth for the trade fair" · copy']],
      });
    }
    const fill = (await inbox('manager2')).items.filter((n) => n.recordId === r.id);
    expect(fill.map((n) => n.message.en)).toEqual([
      'To fill in: Request "Booth for the trade fair" · check',
    ]);
    const done = await lab.act(r.id, 'manager2', { action: 'submit', data: { notes: 'fine' } });
    expect(done.status).toBe(200);
    // Acting adds nothing to anyone's list (the flow ended; no task was opened).
    const later = (await inbox('manager2')).items.filter((n) => n.recordId === r.id);
    expect(later).toHaveLength(1);
  });
});
